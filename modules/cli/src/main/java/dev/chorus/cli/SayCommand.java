package dev.chorus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.PlayIds;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.protocol.messages.TtsSaySites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code say}: hermes/tts/say, then wait for the sayFinished with the same id; with several sites
 * ({@code --site a,b}) one chorus/tts/say, then wait for the sayFinished of every site.
 */
@Command(
        name = "say",
        mixinStandardHelpOptions = true,
        description = {
            "Speak a text: publish hermes/tts/say with a new id and wait for hermes/tts/sayFinished with that id.",
            "With several sites (--site kitchen,attic) publish one chorus/tts/say: the tts module renders the text",
            "once and plays it on each site; wait for the sayFinished of every site.",
            "Prints the id. With --save, keeps the audio the tts module sent for it (on the first site) as one WAV file."
        })
final class SayCommand extends MqttCommand {

    @Parameters(
            arity = "1..*",
            paramLabel = "TEXT",
            description = "What to say (several words are joined with spaces).")
    List<String> words;

    @Option(
            names = "--site",
            paramLabel = "SITE[,SITE...]",
            defaultValue = "default",
            description = "Hermes siteId, or several separated by commas (default ${DEFAULT-VALUE}).")
    String site;

    /** The sites of --site, in order; the first is the one whose audio --save keeps. */
    private List<String> sites;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language, e.g. en_US (the tts picks a voice for it).")
    String lang;

    @Option(names = "--voice", paramLabel = "VOICE", description = "Voice id (see `chorus voices`); wins over --lang.")
    String voice;

    @Option(names = "--preset", paramLabel = "PRESET", description = "A preset of the tts module's presets.yml.")
    String preset;

    @Option(names = "--volume", paramLabel = "0..1", description = "Volume, 0 to 1.")
    Double volume;

    @Option(names = "--id", paramLabel = "ID", description = "Request id (default: a new UUID).")
    String id;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "How long to wait for sayFinished (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the spoken audio to this WAV file.")
    Path save;

    @Override
    public Integer call() throws InterruptedException {
        final Duration timeout = seconds("--timeout", timeoutSeconds);
        if (volume != null && !(volume >= 0 && volume <= 1)) {
            throw CliException.usage("--volume: must be between 0 and 1, not " + volume);
        }
        final String text = String.join(" ", words);
        if (text.isBlank()) {
            throw CliException.usage("TEXT: must not be blank");
        }
        final String requestId = id != null ? id : UUID.randomUUID().toString();
        sites = sites(site);
        for (final String s : sites) {
            try {
                Topics.PLAY_BYTES.format(s, requestId); // both become topic levels of the audio
            } catch (IllegalArgumentException e) {
                throw CliException.usage(
                        "--site and --id must be non-empty and free of / + #: \"" + s + "\", \"" + requestId + "\"");
            }
        }
        // one site: the Hermes say every Rhasspy tool knows; several: the Chorus extension, rendered once
        final boolean several = sites.size() > 1;
        final ObjectNode payload = cli().json()
                .mapper()
                .valueToTree(
                        several
                                ? new TtsSaySites(text, sites, lang, requestId, null, volume)
                                : new TtsSay(text, sites.get(0), lang, requestId, null, volume));
        if (voice != null) {
            payload.put("voice", voice);
        }
        if (preset != null) {
            payload.put("preset", preset);
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<byte[]> audio = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final Set<String> waiting = new LinkedHashSet<>(sites);
        try (MqttSession mqtt = connect()) {
            mqtt.subscribe(Topics.TTS_SAY_FINISHED, Topics.ERROR_TTS);
            if (save != null) {
                mqtt.subscribe(Topics.PLAY_BYTES_FILTER);
            }
            mqtt.publish(
                    several ? Topics.TTS_SAY_SITES : Topics.TTS_SAY,
                    cli().json().encode(payload),
                    1,
                    false);
            while (!waiting.isEmpty()) {
                final MqttSession.Inbound m = mqtt.poll(left(deadline));
                if (m == null) {
                    throw CliException.failure("no sayFinished for " + requestId
                            + (several ? " on " + String.join(",", waiting) : "") + " within " + timeoutSeconds
                            + " s (is the tts module running? try `chorus status`)");
                }
                if (m.topic().equals(Topics.TTS_SAY_FINISHED)) {
                    // one site: any sayFinished with the id, as before (a Hermes tts may name the site its own way)
                    finished(m, requestId).ifPresent(s -> waiting.removeIf(w -> !several || w.equals(s)));
                } else if (m.topic().equals(Topics.ERROR_TTS)) {
                    error(m, requestId, errors);
                } else if (isOurAudio(m.topic(), requestId)) {
                    audio.add(m.payload());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw CliException.failure("tts: " + String.join("; ", errors));
        }
        if (save != null) {
            if (audio.isEmpty()) {
                throw CliException.failure("sayFinished for " + requestId + " came without any audio to save");
            }
            try {
                Files.write(save, Payloads.joinWavs(audio));
            } catch (IOException e) {
                throw CliException.failure("cannot write " + save + ": " + e.getMessage());
            }
        }
        cli().out().println(requestId);
        return Cli.EXIT_OK;
    }

    /** The site of a sayFinished for {@code requestId}. */
    private Optional<String> finished(final MqttSession.Inbound m, final String requestId) {
        try {
            final TtsSayFinished f = cli().json().decode(m.payload(), TtsSayFinished.class);
            return requestId.equals(f.id()) ? Optional.of(f.siteId()) : Optional.empty();
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }

    /** --site as a list: comma-separated, blanks around names ignored, none empty or twice. */
    private static List<String> sites(final String option) {
        final Set<String> sites = new LinkedHashSet<>();
        for (final String part : option.split(",", -1)) {
            final String s = part.strip();
            if (s.isEmpty()) {
                throw CliException.usage("--site: an empty site in \"" + option + "\"");
            }
            if (!sites.add(s)) {
                throw CliException.usage("--site: " + s + " is named twice");
            }
        }
        return List.copyOf(sites);
    }

    private void error(final MqttSession.Inbound m, final String requestId, final List<String> errors) {
        try {
            final HermesError e = cli().json().decode(m.payload(), HermesError.class);
            if (requestId.equals(e.context())) {
                errors.add(e.error());
            }
        } catch (DecodeException e) {
            // someone else's malformed error report
        }
    }

    /**
     * The tts module sends one playBytes per sentence (or slice): {@code <id>-<n>} for all but the last,
     * {@code <id>} for the last ({@link PlayIds}).
     */
    private boolean isOurAudio(final String topic, final String requestId) {
        return Topics.PLAY_BYTES.matches(topic)
                && Topics.PLAY_BYTES.extract(topic, "siteId").orElse("").equals(sites.get(0))
                && Topics.PLAY_BYTES
                        .extract(topic, "requestId")
                        .map(id -> PlayIds.belongsTo(id, requestId))
                        .orElse(false);
    }
}
