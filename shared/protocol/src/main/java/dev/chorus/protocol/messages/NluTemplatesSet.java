package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code chorus/nlu/templates/set} (MQTT 5 request/reply, answered with {@link NluTemplatesResult}): the whole
 * template set to store in the nlu module's data folder and train. A set that does not compile is neither stored
 * nor used. Empty {@code files} removes the stored set (the mounted or built-in one is used again).
 *
 * @param files file contents by path: {@code sentences.ini}, {@code slots/<name>}
 */
@HermesMessage
public record NluTemplatesSet(Map<String, String> files) implements Addressed {

    public NluTemplatesSet {
        Required.key(files, "files");
        files = new TreeMap<>(files);
    }

    @Override
    public String topic() {
        return Topics.NLU_TEMPLATES_SET;
    }
}
