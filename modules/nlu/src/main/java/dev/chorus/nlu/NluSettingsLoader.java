package dev.chorus.nlu;

import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads {@link NluSettings} through {@link EnvReader}: every problem names the variable. */
public final class NluSettingsLoader {

    public static final String TEMPLATES_DIR = "CHORUS_NLU_TEMPLATES_DIR";
    public static final String BUILTIN_DIR = "CHORUS_NLU_BUILTIN_DIR";
    public static final String WATCH_INTERVAL = "CHORUS_NLU_WATCH_INTERVAL";
    public static final String LANGUAGE = "CHORUS_NLU_LANGUAGE";

    public static final Path DEFAULT_BUILTIN_DIR = Path.of("/etc/chorus/intents");
    public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(2);
    /** Subfolder of the data folder with the stored template set. */
    public static final String DATA_TEMPLATES = "intents";

    private NluSettingsLoader() {}

    public static NluSettings load(EnvSource source, Path dataDir) {
        EnvReader env = new EnvReader(source);
        Optional<Path> mounted = Optional.ofNullable(env.path(TEMPLATES_DIR, null));
        Path builtIn = env.path(BUILTIN_DIR, DEFAULT_BUILTIN_DIR);
        Duration watch = env.duration(WATCH_INTERVAL, DEFAULT_WATCH_INTERVAL, Duration.ZERO, Duration.ofHours(1));
        String language = env.text(LANGUAGE, "en");
        if (!language.matches("[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})?")) {
            throw EnvReader.invalid(LANGUAGE, language, "a language code such as en or en-US");
        }
        return new NluSettings(dataDir.resolve(DATA_TEMPLATES), mounted, builtIn, watch, language);
    }
}
