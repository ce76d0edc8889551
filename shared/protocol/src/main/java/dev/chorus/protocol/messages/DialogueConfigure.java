package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/** {@code hermes/dialogueManager/configure}. Wire order intents, siteId. */
@HermesMessage
public record DialogueConfigure(List<IntentSwitch> intents, String siteId) implements Addressed {

    public DialogueConfigure {
        Required.key(intents, "intents");
        siteId = Hermes.site(siteId);
    }

    /** Wire order intentId, enable. */
    @HermesMessage
    public record IntentSwitch(String intentId, Boolean enable) {

        public IntentSwitch {
            Required.key(intentId, "intentId");
            Required.key(enable, "enable");
        }
    }

    @Override
    public String topic() {
        return Topics.DM_CONFIGURE;
    }
}
