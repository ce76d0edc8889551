package dev.chorus.tts.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.TtsPresets;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.tts.TextToSpeech;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * {@code chorus/tts/presets}: the presets of presets.yml (names, descriptions, the default), retained, published
 * at start and again on every (re)connect ({@link ChorusMqtt#retainJson}). Other modules learn the presets from
 * here, never from the tts module's files. Left in place when the module stops, so clients can still check a say
 * that waits at the broker for the module to come back.
 */
@Singleton
class PresetsAnnouncement implements ApplicationEventListener<StartupEvent> {

    private final ChorusMqtt mqtt;
    private final TtsPresets presets;

    PresetsAnnouncement(final ChorusMqtt mqtt, final TextToSpeech tts) {
        this.mqtt = mqtt;
        this.presets = describe(tts);
    }

    @Override
    public void onApplicationEvent(final StartupEvent event) {
        mqtt.retainJson(Topics.TTS_PRESETS, presets);
    }

    static TtsPresets describe(final TextToSpeech tts) {
        return new TtsPresets(
                tts.presets().all().stream()
                        .map(p -> new TtsPresets.Preset(p.name(), p.description()))
                        .toList(),
                tts.config().defaultPreset());
    }
}
