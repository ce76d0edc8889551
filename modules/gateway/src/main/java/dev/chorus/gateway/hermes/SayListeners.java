package dev.chorus.gateway.hermes;

import dev.chorus.gateway.SayStore;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;

/** What the tts module answers to the gateway's says: audio (playBytes), errors and sayFinished. */
final class SayListeners {

    private SayListeners() {}

    /** Keeps the WAV of the gateway's says; other playBytes are ignored. */
    @Singleton
    static class PlayBytes implements MessageListener {

        private final SayStore store;

        PlayBytes(SayStore store) {
            this.store = store;
        }

        @Override
        public String topicFilter() {
            return Topics.PLAY_BYTES_FILTER;
        }

        @Override
        public void onMessage(InboundMessage message) {
            String[] levels = message.topic().split("/", -1);
            if (levels.length == 5) {
                store.playBytes(levels[2], levels[4], message.payload());
            }
        }
    }

    @Singleton
    static class SayFinished implements JsonListener<TtsSayFinished> {

        private final SayStore store;

        SayFinished(SayStore store) {
            this.store = store;
        }

        @Override
        public Class<TtsSayFinished> messageType() {
            return TtsSayFinished.class;
        }

        @Override
        public void onMessage(InboundMessage raw, TtsSayFinished message) {
            if (message.id() != null) {
                store.sayFinished(message.id(), message.siteId());
            }
        }
    }

    /** {@code hermes/error/tts} with context = a say id. */
    @Singleton
    static class TtsError implements JsonListener<HermesError> {

        private final SayStore store;

        TtsError(SayStore store) {
            this.store = store;
        }

        @Override
        public String topicFilter() {
            return Topics.ERROR_TTS;
        }

        @Override
        public Class<HermesError> messageType() {
            return HermesError.class;
        }

        @Override
        public void onMessage(InboundMessage raw, HermesError message) {
            if (message.context() != null) {
                store.error(message.context(), message.error());
            }
        }
    }
}
