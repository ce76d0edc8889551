package dev.chorus.tts.hermes;

import dev.chorus.protocol.messages.GetVoices;
import dev.chorus.protocol.messages.Voices;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.Voice;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code rhasspy/tts/getVoices} → {@code rhasspy/tts/voices}: every voice of voices.yml, id and siteId copied. */
@Singleton
class GetVoicesListener implements JsonListener<GetVoices> {

    private final List<Voices.Voice> voices;
    private final TtsReplies replies;

    GetVoicesListener(final TextToSpeech tts, final TtsReplies replies) {
        this.voices =
                tts.voices().voices().stream().map(GetVoicesListener::describe).toList();
        this.replies = replies;
    }

    @Override
    public Class<GetVoices> messageType() {
        return GetVoices.class;
    }

    @Override
    public void onMessage(final InboundMessage raw, final GetVoices request) {
        replies.voices(new Voices(voices, request.id(), request.siteId()));
    }

    private static Voices.Voice describe(final Voice voice) {
        final String description =
                voice.description().isBlank() ? voice.languageTag() + ", " + voice.gender() : voice.description();
        return new Voices.Voice(voice.id(), description);
    }
}
