package dev.chorus.dialogue.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.DialogueConfigure;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;

/**
 * Every topic the dialogue manager listens to, one small listener each, all handing the decoded message to the
 * {@link DialogueService}. Malformed payloads never get here: the runtime reports them on
 * {@code chorus/error/dialogue} (and {@code hermes/error/dialogueManager} for the dialogueManager topics).
 */
final class DialogueListeners {

    private DialogueListeners() {}

    @Singleton
    static class HotwordDetectedListener implements JsonListener<HotwordDetected> {
        private final DialogueService dialogue;

        HotwordDetectedListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<HotwordDetected> messageType() {
            return HotwordDetected.class;
        }

        @Override
        public void onMessage(InboundMessage raw, HotwordDetected detected) {
            Topics.HOTWORD_DETECTED
                    .extract(raw.topic(), "wakewordId")
                    .ifPresent(wakeword -> dialogue.run(m -> m.hotwordDetected(wakeword, detected)));
        }
    }

    @Singleton
    static class StartSessionListener implements JsonListener<StartSession> {
        private final DialogueService dialogue;

        StartSessionListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<StartSession> messageType() {
            return StartSession.class;
        }

        @Override
        public void onMessage(InboundMessage raw, StartSession start) {
            dialogue.run(m -> m.startSession(start));
        }
    }

    @Singleton
    static class ContinueSessionListener implements JsonListener<ContinueSession> {
        private final DialogueService dialogue;

        ContinueSessionListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<ContinueSession> messageType() {
            return ContinueSession.class;
        }

        @Override
        public void onMessage(InboundMessage raw, ContinueSession c) {
            dialogue.run(m -> m.continueSession(c));
        }
    }

    @Singleton
    static class EndSessionListener implements JsonListener<EndSession> {
        private final DialogueService dialogue;

        EndSessionListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<EndSession> messageType() {
            return EndSession.class;
        }

        @Override
        public void onMessage(InboundMessage raw, EndSession e) {
            dialogue.run(m -> m.endSession(e));
        }
    }

    @Singleton
    static class ConfigureListener implements JsonListener<DialogueConfigure> {
        private final DialogueService dialogue;

        ConfigureListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<DialogueConfigure> messageType() {
            return DialogueConfigure.class;
        }

        @Override
        public void onMessage(InboundMessage raw, DialogueConfigure c) {
            dialogue.run(m -> m.configure(c));
        }
    }

    @Singleton
    static class TextCapturedListener implements JsonListener<AsrTextCaptured> {
        private final DialogueService dialogue;

        TextCapturedListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<AsrTextCaptured> messageType() {
            return AsrTextCaptured.class;
        }

        @Override
        public void onMessage(InboundMessage raw, AsrTextCaptured captured) {
            dialogue.run(m -> m.textCaptured(captured));
        }
    }

    @Singleton
    static class IntentListener implements JsonListener<NluIntent> {
        private final DialogueService dialogue;

        IntentListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<NluIntent> messageType() {
            return NluIntent.class;
        }

        @Override
        public void onMessage(InboundMessage raw, NluIntent intent) {
            dialogue.run(m -> m.intent(intent));
        }
    }

    @Singleton
    static class NotRecognizedListener implements JsonListener<NluIntentNotRecognized> {
        private final DialogueService dialogue;

        NotRecognizedListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<NluIntentNotRecognized> messageType() {
            return NluIntentNotRecognized.class;
        }

        @Override
        public void onMessage(InboundMessage raw, NluIntentNotRecognized n) {
            dialogue.run(m -> m.intentNotRecognized(n));
        }
    }

    @Singleton
    static class SayFinishedListener implements JsonListener<TtsSayFinished> {
        private final DialogueService dialogue;

        SayFinishedListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<TtsSayFinished> messageType() {
            return TtsSayFinished.class;
        }

        @Override
        public void onMessage(InboundMessage raw, TtsSayFinished finished) {
            dialogue.run(m -> m.sayFinished(finished.id()));
        }
    }

    @Singleton
    static class PlayFinishedListener implements JsonListener<PlayFinished> {
        private final DialogueService dialogue;

        PlayFinishedListener(DialogueService dialogue) {
            this.dialogue = dialogue;
        }

        @Override
        public Class<PlayFinished> messageType() {
            return PlayFinished.class;
        }

        @Override
        public void onMessage(InboundMessage raw, PlayFinished finished) {
            Topics.PLAY_FINISHED
                    .extract(raw.topic(), "siteId")
                    .ifPresent(site -> dialogue.run(m -> m.playFinished(site, finished.id())));
        }
    }

    /** {@code hermes/error/asr} and {@code hermes/error/nlu}: a session waiting for that component ends with error. */
    abstract static class ComponentErrorListener implements JsonListener<HermesError> {
        private final DialogueService dialogue;
        private final String topic;

        ComponentErrorListener(DialogueService dialogue, String topic) {
            this.dialogue = dialogue;
            this.topic = topic;
        }

        @Override
        public String topicFilter() {
            return topic;
        }

        @Override
        public Class<HermesError> messageType() {
            return HermesError.class;
        }

        @Override
        public void onMessage(InboundMessage raw, HermesError error) {
            dialogue.run(m -> m.componentError(raw.topic(), error));
        }
    }

    @Singleton
    static class AsrErrorListener extends ComponentErrorListener {
        AsrErrorListener(DialogueService dialogue) {
            super(dialogue, Topics.ERROR_ASR);
        }
    }

    @Singleton
    static class NluErrorListener extends ComponentErrorListener {
        NluErrorListener(DialogueService dialogue) {
            super(dialogue, Topics.ERROR_NLU);
        }
    }
}
