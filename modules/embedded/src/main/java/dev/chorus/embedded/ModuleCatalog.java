package dev.chorus.embedded;

import dev.chorus.protocol.env.EnvReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The modules the embedded stack knows, and which of them run ({@code CHORUS_EMBEDDED_MODULES}). */
final class ModuleCatalog {

    static final String MODULES = "CHORUS_EMBEDDED_MODULES";

    /**
     * Everything that runs without files beyond the repository: wake needs openWakeWord models
     * (scripts/wake-models.sh), so it runs only when listed.
     */
    static final String DEFAULT_MODULES = "tts,audio,gateway,nlu,dialogue,mic,skills,asr";

    /** Start order: the modules others wait for first (none needs to, but the log reads better). */
    private static final Map<String, EmbeddedModule> ALL = new LinkedHashMap<>();

    static {
        add("tts", false, "dev.chorus.tts.Application");
        add("audio", false, "dev.chorus.audio.Application");
        add("nlu", false, "dev.chorus.nlu.Application");
        add("asr", false, "dev.chorus.asr.Application");
        add("wake", false, "dev.chorus.wake.Application");
        add("mic", false, "dev.chorus.mic.Application");
        // the skills API jar holds beans (SkillDispatcher) that belong in the skills context only
        add("skills", false, "dev.chorus.skills.builtin.Application", "dev.chorus.skills.Skill");
        add("dialogue", false, "dev.chorus.dialogue.Application");
        add("gateway", true, "dev.chorus.gateway.Application");
    }

    private ModuleCatalog() {}

    private static void add(String name, boolean http, String... codeClasses) {
        ALL.put(name, new EmbeddedModule(name, List.of(codeClasses), http));
    }

    static List<EmbeddedModule> all() {
        return List.copyOf(ALL.values());
    }

    /** The modules named by {@code CHORUS_EMBEDDED_MODULES} (comma-separated), in start order. */
    static List<EmbeddedModule> selected(EnvReader env) {
        String value = env.text(MODULES, DEFAULT_MODULES);
        List<String> names = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (!ALL.containsKey(name)) {
                throw EnvReader.invalid(MODULES, value, "a comma-separated list of " + String.join(", ", ALL.keySet()));
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return ALL.values().stream().filter(m -> names.contains(m.name())).toList();
    }
}
