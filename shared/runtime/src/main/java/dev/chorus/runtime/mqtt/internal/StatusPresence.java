package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.OutgoingMessage;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.runtime.config.ModuleSettings;
import java.time.Clock;

/**
 * The module's retained {@code chorus/status/<module>}: online once connected and subscribed, offline on a
 * clean stop, and offline as the MQTT will when the connection dies. All three are QoS 1, retained, JSON.
 */
public final class StatusPresence {

    private final ModuleSettings settings;
    private final JsonCodec codec;
    private final Clock clock;

    public StatusPresence(ModuleSettings settings, JsonCodec codec, Clock clock) {
        this.settings = settings;
        this.codec = codec;
        this.clock = clock;
    }

    public OutgoingMessage online() {
        return message(ModuleStatus.ONLINE);
    }

    public OutgoingMessage offline() {
        return message(ModuleStatus.OFFLINE);
    }

    /** Set at every connect, so its {@code since} is the time of that connect, not of the crash. */
    public OutgoingMessage will() {
        return message(ModuleStatus.OFFLINE);
    }

    private OutgoingMessage message(String state) {
        ModuleStatus status =
                ModuleStatus.of(settings.module(), settings.instance(), settings.version(), state, clock.instant());
        return new OutgoingMessage(
                Topics.status(settings.module()), codec.encode(status), 1, true, OutgoingMessage.JSON, null, null);
    }
}
