package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.Map;

/**
 * {@code hermes/hotword/{wakewordId}/detected}. Wire order modelId, modelVersion, modelType,
 * currentSensitivity, siteId, sessionId, sendAudioCaptured, lang, customEntities.
 */
@HermesMessage
public record HotwordDetected(
        String modelId,
        String modelVersion,
        String modelType,
        Double currentSensitivity,
        String siteId,
        String sessionId,
        Boolean sendAudioCaptured,
        String lang,
        Map<String, Object> customEntities) {

    public HotwordDetected {
        Required.key(modelId, "modelId");
        modelVersion = Required.orDefault(modelVersion, "");
        modelType = Required.orDefault(modelType, "personal");
        currentSensitivity = Required.orDefault(currentSensitivity, 1.0);
        siteId = Hermes.site(siteId);
    }
}
