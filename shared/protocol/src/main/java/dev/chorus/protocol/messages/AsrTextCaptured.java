package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/**
 * {@code hermes/asr/textCaptured}. Wire order text, likelihood, seconds, siteId, sessionId, wakewordId,
 * asrTokens, lang.
 */
@HermesMessage
public record AsrTextCaptured(
        String text,
        Double likelihood,
        Double seconds,
        String siteId,
        String sessionId,
        String wakewordId,
        List<List<AsrToken>> asrTokens,
        String lang)
        implements Addressed {

    public AsrTextCaptured {
        Required.key(text, "text");
        Required.key(likelihood, "likelihood");
        Required.key(seconds, "seconds");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.ASR_TEXT_CAPTURED;
    }
}
