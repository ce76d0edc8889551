package dev.chorus.wake;

import ai.onnxruntime.OrtException;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.wake.engine.OpenWakeWord;
import dev.chorus.wake.engine.WakeModels;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded models, or none: without the feature models the module still runs (status online, healthy, listening
 * to no site, {@code getHotwords} answers an empty list) and says why, so that {@code docker compose up} works on a
 * fresh clone that never fetched the non-commercial models (CONFIG.md).
 */
public final class WakeEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WakeEngine.class);

    private final OpenWakeWord engine;

    private WakeEngine(OpenWakeWord engine) {
        this.engine = engine;
    }

    /** Loads the configured wake words; a requested word without a model is a configuration error. */
    public static WakeEngine load(WakeSettings settings) {
        Optional<WakeModels> models = WakeModels.find(settings.modelsDir(), settings.modelFiles());
        if (models.isEmpty()) {
            LOG.error(
                    "no wake word models: {} has no {} and {}; listening to no site. Fetch them with"
                            + " scripts/wake-models.sh and rebuild the image, or mount a folder with them there"
                            + " (modules/wake/CONFIG.md)",
                    settings.modelsDir(),
                    WakeModels.MELSPECTROGRAM,
                    WakeModels.EMBEDDING);
            return new WakeEngine(null);
        }
        for (String word : settings.words()) {
            if (!models.get().wakeWords().containsKey(word)) {
                throw new ConfigException(
                        WakeSettingsLoader.WORDS,
                        "no model for wake word " + word + " in " + settings.modelsDir() + " or "
                                + WakeSettingsLoader.MODEL_FILES + "; available: "
                                + String.join(",", models.get().wakeWords().keySet()));
            }
        }
        try {
            OpenWakeWord loaded = OpenWakeWord.load(models.get(), settings.words());
            LOG.info(
                    "wake words {} (threshold {}, refractory {} ms) from {}",
                    settings.words(),
                    settings.threshold(),
                    settings.refractory().toMillis(),
                    settings.modelsDir());
            return new WakeEngine(loaded);
        } catch (OrtException | RuntimeException e) {
            throw new ConfigException(WakeSettingsLoader.MODELS_DIR, "cannot load the models: " + e.getMessage());
        }
    }

    public Optional<OpenWakeWord> engine() {
        return Optional.ofNullable(engine);
    }

    /** The wake word ids being listened for; empty without models. */
    public List<String> words() {
        return engine == null ? List.of() : List.copyOf(engine.words().keySet());
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
