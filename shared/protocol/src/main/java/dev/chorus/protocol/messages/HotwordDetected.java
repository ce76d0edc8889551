package dev.chorus.protocol.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.Map;

/**
 * {@code hermes/hotword/{wakewordId}/detected}. Wire order modelId, modelVersion, modelType,
 * currentSensitivity, siteId, sessionId, sendAudioCaptured, lang, customEntities, then the Chorus key score.
 *
 * @param score Chorus extension: how sure the detector was, 0..1 (the model's output that fired), so that the
 *              dialogue can keep only the site that heard the wake word best when several sites heard it. Rhasspy's
 *              schema has no such key and its services send none; it is written only when set, so a detection
 *              without one keeps the exact bytes of rhasspy-hermes
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
        Map<String, Object> customEntities,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double score) {

    public HotwordDetected {
        Required.key(modelId, "modelId");
        modelVersion = Required.orDefault(modelVersion, "");
        modelType = Required.orDefault(modelType, "personal");
        currentSensitivity = Required.orDefault(currentSensitivity, 1.0);
        siteId = Hermes.site(siteId);
    }
}
