package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import java.util.List;

/**
 * {@code hermes/asr/startListening}. Wire order siteId, sessionId, lang, stopOnSilence, sendAudioCaptured,
 * wakewordId, intentFilter.
 */
@HermesMessage
public record AsrStartListening(
        String siteId,
        String sessionId,
        String lang,
        Boolean stopOnSilence,
        Boolean sendAudioCaptured,
        String wakewordId,
        List<String> intentFilter)
        implements Addressed {

    public AsrStartListening {
        siteId = Hermes.site(siteId);
        stopOnSilence = stopOnSilence == null ? Boolean.TRUE : stopOnSilence;
        sendAudioCaptured = sendAudioCaptured == null ? Boolean.FALSE : sendAudioCaptured;
    }

    @Override
    public String topic() {
        return Topics.ASR_START_LISTENING;
    }
}
