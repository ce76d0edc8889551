package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Retained on {@code chorus/status/{module}}. In the MQTT will (state offline after a lost connection),
 * {@code since} is the time that connection was opened: the broker cannot stamp the time it fires the will.
 *
 * @param state {@link #ONLINE} or {@link #OFFLINE}
 * @param since ISO-8601 instant
 */
@HermesMessage
public record ModuleStatus(String module, String instance, String version, String state, String since)
        implements Addressed {

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public ModuleStatus {
        Required.key(module, "module");
        Required.key(instance, "instance");
        Required.key(version, "version");
        Required.key(state, "state");
        Required.key(since, "since");
    }

    public static ModuleStatus of(String module, String instance, String version, String state, Instant since) {
        return new ModuleStatus(
                module,
                instance,
                version,
                state,
                since.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    public boolean online() {
        return ONLINE.equals(state);
    }

    @Override
    public String topic() {
        return Topics.status(module);
    }
}
