package dev.chorus.nlu.hermes;

import dev.chorus.nlu.NluSettings;
import dev.chorus.nlu.hermes.TemplateLayers.Contents;
import dev.chorus.nlu.hermes.TemplateLayers.Layer;
import dev.chorus.nlu.template.Recognition;
import dev.chorus.nlu.template.TemplateCompiler;
import dev.chorus.nlu.template.TemplateError;
import dev.chorus.nlu.template.TemplateException;
import dev.chorus.nlu.template.TemplateFolder;
import dev.chorus.nlu.template.TrainedTemplates;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.NluGrammar;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained templates in force, and training: from the template layers (at start, on
 * {@code rhasspy/nlu/{siteId}/train}, when a folder changes) or from a set sent by the console. A training that
 * fails leaves the previous one in force. Every successful training publishes the retained grammar
 * ({@code chorus/nlu/grammar}), which the runtime publishes again on every reconnect.
 */
@Singleton
public class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** The templates in force and where they came from. */
    record Trained(TrainedTemplates templates, Contents contents) {}

    /** The outcome of a training: the new id, or what is wrong. */
    public record Outcome(Optional<String> id, List<TemplateError> errors) {

        static Outcome ok(String id) {
            return new Outcome(Optional.of(id), List.of());
        }

        static Outcome failed(List<TemplateError> errors) {
            return new Outcome(Optional.empty(), List.copyOf(errors));
        }

        public boolean ok() {
            return id.isPresent();
        }

        /** The errors as one line each: {@code file:line: reason}. */
        public String describe() {
            return String.join(
                    "; ", errors.stream().map(TemplateError::toString).toList());
        }
    }

    private final ChorusMqtt mqtt;
    private final NluSettings settings;
    private final TemplateLayers layers;
    private volatile Trained current;
    private volatile String trainedFingerprint = "";

    public Trainer(ChorusMqtt mqtt, NluSettings settings) {
        this.mqtt = mqtt;
        this.settings = settings;
        this.layers = new TemplateLayers(settings);
    }

    /**
     * The first training, when the bean is made: the listeners need the trainer, so this happens before the
     * runtime subscribes them and no query finds the module untrained.
     */
    @PostConstruct
    void trainAtStart() {
        Outcome outcome = trainFromLayers();
        if (!outcome.ok()) {
            reportFailure("start", outcome);
        }
    }

    /** Logs a failed training and reports it on {@code hermes/error/nlu}. */
    void reportFailure(String why, Outcome outcome) {
        LOG.warn("training ({}) failed: {}", why, outcome.describe());
        mqtt.publishJson(Topics.ERROR_NLU, new HermesError("training failed: " + outcome.describe(), null, null, null));
    }

    public Optional<Recognition> recognize(String input, Collection<String> intentFilter) {
        Trained t = current;
        return t == null ? Optional.empty() : t.templates().recognize(input, intentFilter);
    }

    /** The templates in force, or empty before the first successful training. */
    Optional<Trained> current() {
        return Optional.ofNullable(current);
    }

    TemplateLayers layers() {
        return layers;
    }

    String trainedFingerprint() {
        return trainedFingerprint;
    }

    /**
     * Trains the highest layer that has templates. Before the first success (at start), a layer that does not
     * compile is skipped for the next one, so that the module serves the mounted or built-in set rather than
     * nothing; the errors are still reported.
     */
    public synchronized Outcome trainFromLayers() {
        String fingerprint = layers.fingerprint();
        List<Layer> present = layers.present();
        if (present.isEmpty()) {
            trainedFingerprint = fingerprint;
            return Outcome.failed(List.of(new TemplateError(
                    TemplateCompiler.SENTENCES,
                    0,
                    "no template set: none in " + settings.dataTemplates()
                            + settings.mounted().map(p -> ", " + p).orElse("") + " or " + settings.builtIn())));
        }
        List<TemplateError> errors = new ArrayList<>();
        for (Layer layer : present) {
            try {
                Contents contents = TemplateLayers.read(layer);
                TrainedTemplates trained = TemplateCompiler.compile(contents.files());
                install(new Trained(trained, contents));
                trainedFingerprint = fingerprint;
                if (!errors.isEmpty()) {
                    LOG.warn(
                            "using the {} templates instead: {}",
                            layer.name(),
                            Outcome.failed(errors).describe());
                }
                return errors.isEmpty() ? Outcome.ok(trained.id()) : Outcome.failed(errors);
            } catch (TemplateException e) {
                errors.add(withLayer(layer, e.error()));
            } catch (IOException | RuntimeException e) {
                errors.add(new TemplateError(layer.dir().toString(), 0, "cannot read: " + e));
            }
            if (current != null) {
                break; // the previous training stays in force
            }
        }
        trainedFingerprint = fingerprint;
        return Outcome.failed(errors);
    }

    /**
     * Compiles {@code files}; only if they compile, stores them as the data layer and puts them in force. Empty
     * {@code files} removes the data layer and trains the next one.
     */
    public synchronized Outcome trainAndStore(Map<String, String> files) {
        if (files.isEmpty()) {
            try {
                TemplateFolder.delete(layers.data().dir());
            } catch (IOException | java.io.UncheckedIOException e) {
                return Outcome.failed(List.of(new TemplateError("", 0, "cannot remove the stored set: " + e)));
            }
            Trained before = current;
            current = null; // let the next layer in even if it fails to compile
            Outcome outcome = trainFromLayers();
            if (current == null) {
                current = before;
            }
            return outcome;
        }
        List<TemplateError> problems = TemplateFolder.check(files);
        if (!problems.isEmpty()) {
            return Outcome.failed(problems);
        }
        TrainedTemplates trained;
        try {
            trained = TemplateCompiler.compile(files);
        } catch (TemplateException e) {
            return Outcome.failed(List.of(e.error()));
        }
        try {
            TemplateFolder.write(layers.data().dir(), files);
        } catch (IOException e) {
            return Outcome.failed(List.of(new TemplateError("", 0, "cannot store the templates: " + e)));
        }
        install(new Trained(trained, new Contents(layers.data(), Map.copyOf(files))));
        trainedFingerprint = layers.fingerprint();
        return Outcome.ok(trained.id());
    }

    private void install(Trained trained) {
        current = trained;
        TrainedTemplates t = trained.templates();
        LOG.info(
                "trained {} intents ({} sentences) from the {} templates in {}, grammar {}",
                t.intents().size(),
                t.sentenceCount(),
                trained.contents().layer().name(),
                trained.contents().layer().dir(),
                t.id());
        mqtt.retainJson(Topics.NLU_GRAMMAR, grammar(t, settings.language()));
    }

    static NluGrammar grammar(TrainedTemplates t, String language) {
        return new NluGrammar(
                t.id(),
                language,
                t.intents().stream()
                        .map(i -> new NluGrammar.IntentGrammar(i.name(), i.jsgf(), i.words()))
                        .toList());
    }

    private static TemplateError withLayer(Layer layer, TemplateError e) {
        return new TemplateError(layer.dir().resolve(e.file()).toString(), e.line(), e.reason());
    }
}
