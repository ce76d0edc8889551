package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nlu module's templates, the reply to {@code chorus/nlu/templates/get} (MQTT 5 request/reply). Wire order
 * files, layer, id.
 *
 * @param files file contents by path in the template folder: {@code sentences.ini}, {@code slots/<name>}
 * @param layer where they come from: {@code data} (stored by {@code chorus/nlu/templates/set}), {@code mounted}
 *              ({@code CHORUS_NLU_TEMPLATES_DIR}) or {@code builtin} (baked into the image)
 * @param id    the id of the trained grammar ({@link NluGrammar#id()}); null when nothing is trained
 */
@HermesMessage
public record NluTemplates(Map<String, String> files, String layer, String id) {

    public NluTemplates {
        Required.key(files, "files");
        Required.key(layer, "layer");
        files = new TreeMap<>(files);
    }
}
