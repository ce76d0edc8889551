package dev.chorus.nlu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The nlu module's settings (modules/nlu/CONFIG.md).
 *
 * @param dataTemplates the template set stored by {@code chorus/nlu/templates/set}: {@code <data>/intents}
 * @param mounted       {@code CHORUS_NLU_TEMPLATES_DIR}, a mounted template folder, if any
 * @param builtIn       {@code CHORUS_NLU_BUILTIN_DIR}, the set baked into the image
 * @param watchInterval how often the folders are checked for changes; zero = never
 * @param language      the templates' language, for the grammar ({@code en})
 */
public record NluSettings(
        Path dataTemplates, Optional<Path> mounted, Path builtIn, Duration watchInterval, String language) {}
