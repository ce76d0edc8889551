package dev.chorus.skills;

import java.util.List;
import java.util.Objects;

/**
 * What a skill answers to an intent. The dispatcher turns it into {@code hermes/dialogueManager/endSession} or
 * {@code continueSession} for the intent's session; an intent outside a session (no {@code sessionId}) has its
 * text spoken on its site by a {@code startSession} notification instead.
 */
public sealed interface Answer permits Answer.End, Answer.Continue {

    /** Ends the session and speaks {@code text} (null: speaks nothing). */
    record End(String text) implements Answer {}

    /**
     * Keeps the session open: speaks {@code text}, then listens for one of {@code intentFilter} (empty: any intent).
     */
    record Continue(String text, List<String> intentFilter, boolean sendIntentNotRecognized) implements Answer {

        public Continue {
            intentFilter = List.copyOf(intentFilter);
        }
    }

    /** Ends the session and speaks {@code text}. */
    static Answer end(String text) {
        return new End(Objects.requireNonNull(text, "text"));
    }

    /** Ends the session without a word. */
    static Answer silent() {
        return new End(null);
    }

    /** Speaks {@code text} and listens for the next intent, limited to {@code intentFilter} when any are given. */
    static Answer continueWith(String text, String... intentFilter) {
        return new Continue(Objects.requireNonNull(text, "text"), List.of(intentFilter), false);
    }

    /** The words spoken, or null. */
    String text();
}
