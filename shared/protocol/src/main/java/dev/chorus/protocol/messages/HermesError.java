package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/**
 * Every {@code hermes/error/*} topic and {@code rhasspy/error/g2p}. Wire order error, siteId, context, sessionId.
 *
 * @param context what failed: the say id for TTS, the query input for NLU, the requestId for playBytes
 */
@HermesMessage
public record HermesError(String error, String siteId, String context, String sessionId) {

    public HermesError {
        Required.key(error, "error");
        siteId = Hermes.site(siteId);
    }
}
