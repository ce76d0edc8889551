package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/** {@code rhasspy/hotword/hotwords}, the answer to {@link GetHotwords}. Wire order models, siteId, id. */
@HermesMessage
public record Hotwords(List<Model> models, String siteId, String id) implements Addressed {

    public Hotwords {
        Required.key(models, "models");
        models = List.copyOf(models);
        siteId = Hermes.site(siteId);
    }

    /**
     * One wake word. Wire order modelId, modelWords, modelVersion, modelType.
     *
     * @param modelId    the wake word id, the {@code {wakewordId}} level of {@code hermes/hotword/{wakewordId}/detected}
     * @param modelWords the words spoken, e.g. {@code hey jarvis}
     * @param modelType  {@code personal} or {@code universal}
     */
    @HermesMessage
    public record Model(String modelId, String modelWords, String modelVersion, String modelType) {

        public Model {
            Required.key(modelId, "modelId");
            Required.key(modelWords, "modelWords");
            modelVersion = Required.orDefault(modelVersion, "");
            modelType = Required.orDefault(modelType, "personal");
        }
    }

    @Override
    public String topic() {
        return Topics.HOTWORD_HOTWORDS;
    }
}
