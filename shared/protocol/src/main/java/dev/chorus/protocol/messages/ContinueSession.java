package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/**
 * {@code hermes/dialogueManager/continueSession}. Wire order sessionId, customData, text, intentFilter,
 * sendIntentNotRecognized, slot, lang.
 *
 * @param customData   null = keep
 * @param intentFilter replaces the session's filter
 * @param slot         unused by Rhasspy
 */
@HermesMessage
public record ContinueSession(
        String sessionId,
        String customData,
        String text,
        List<String> intentFilter,
        Boolean sendIntentNotRecognized,
        String slot,
        String lang)
        implements Addressed {

    public ContinueSession {
        Required.key(sessionId, "sessionId");
        sendIntentNotRecognized = Required.orDefault(sendIntentNotRecognized, false);
    }

    @Override
    public String topic() {
        return Topics.DM_CONTINUE_SESSION;
    }
}
