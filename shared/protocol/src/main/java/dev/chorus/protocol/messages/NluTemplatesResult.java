package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/**
 * The reply to {@code chorus/nlu/templates/set}. Wire order ok, id, errors.
 *
 * @param ok     stored and trained
 * @param id     the trained grammar's id when ok, else null
 * @param errors why not, when not ok (file, line, reason)
 */
@HermesMessage
public record NluTemplatesResult(Boolean ok, String id, List<Problem> errors) {

    public NluTemplatesResult {
        Required.key(ok, "ok");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * What is wrong where. Wire order file, line, reason.
     *
     * @param line 1-based; 0 when not about a line
     */
    @HermesMessage
    public record Problem(String file, Integer line, String reason) {

        public Problem {
            Required.key(file, "file");
            Required.key(reason, "reason");
            line = Required.orDefault(line, 0);
        }
    }
}
