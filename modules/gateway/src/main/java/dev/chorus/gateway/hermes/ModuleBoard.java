package dev.chorus.gateway.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every module's last status from the retained {@code chorus/status/+}. An empty retained message (someone
 * cleared the status) removes the module from the board.
 */
@Singleton
public class ModuleBoard implements MessageListener {

    /** One module as the API shows it; uptimeSeconds only while online. */
    record Module(
            String module,
            String instance,
            String version,
            String state,
            boolean online,
            String since,
            Long uptimeSeconds,
            String seenAt) {}

    private record Seen(ModuleStatus status, Instant at) {}

    private final Map<String, Seen> modules = new ConcurrentSkipListMap<>();
    private final JsonCodec codec;
    private final Clock clock = Clock.systemUTC();

    ModuleBoard(JsonCodec codec) {
        this.codec = codec;
    }

    @Override
    public String topicFilter() {
        return Topics.STATUS_FILTER;
    }

    @Override
    public void onMessage(InboundMessage message) throws DecodeException {
        String name = message.topic().substring(message.topic().lastIndexOf('/') + 1);
        if (message.payload().length == 0) {
            modules.remove(name);
            return;
        }
        ModuleStatus status =
                codec.decode(message.payload(), ModuleStatus.class); // a bad one is reported by the runtime
        modules.put(name, new Seen(status, clock.instant()));
    }

    public List<Module> modules() {
        Instant now = clock.instant();
        List<Module> out = new ArrayList<>();
        modules.forEach((name, seen) -> {
            ModuleStatus s = seen.status();
            Long uptime = null;
            if (s.online()) {
                try {
                    uptime = Math.max(
                            0, Duration.between(Instant.parse(s.since()), now).toSeconds());
                } catch (DateTimeParseException e) {
                    uptime = null;
                }
            }
            out.add(new Module(
                    name,
                    s.instance(),
                    s.version(),
                    s.state(),
                    s.online(),
                    s.since(),
                    uptime,
                    seen.at().toString()));
        });
        return out;
    }
}
