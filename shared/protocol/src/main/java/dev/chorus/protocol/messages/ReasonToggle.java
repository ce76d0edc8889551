package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/**
 * {@code hermes/asr/toggleOn|toggleOff} and {@code hermes/hotword/toggleOn|toggleOff}. Wire order siteId, reason.
 *
 * @param reason {@code ""} (toggleOn: clears every reason), {@code dialogueSession}, {@code playAudio} or
 *               {@code ttsSay}; every toggleOff needs a toggleOn with the same reason
 */
@HermesMessage
public record ReasonToggle(String siteId, String reason) {

    public ReasonToggle {
        siteId = Hermes.site(siteId);
        reason = Required.orDefault(reason, "");
    }
}
