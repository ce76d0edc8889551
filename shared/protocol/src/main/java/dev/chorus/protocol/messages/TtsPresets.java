package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/**
 * Retained on {@code chorus/tts/presets}: the speech presets the tts module offers (its presets.yml), for clients
 * that list them or check the Chorus key {@code preset} of a {@code hermes/tts/say} before sending it. The tts
 * module publishes it on every (re)connect, so it always describes the tts module that last connected.
 * Wire order presets, defaultPreset.
 *
 * @param presets       every preset, in the tts module's order
 * @param defaultPreset the preset a say without {@code preset} gets; may be null
 */
@HermesMessage
public record TtsPresets(List<Preset> presets, String defaultPreset) {

    public TtsPresets {
        Required.key(presets, "presets");
    }

    /** Whether a preset of this name is offered. */
    public boolean contains(String name) {
        return presets.stream().anyMatch(p -> p.name().equals(name));
    }

    public List<String> names() {
        return presets.stream().map(Preset::name).toList();
    }

    /** Wire order name, description. */
    @HermesMessage
    public record Preset(String name, String description) {

        public Preset {
            Required.key(name, "name");
        }
    }
}
