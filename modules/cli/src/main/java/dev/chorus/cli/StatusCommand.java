package dev.chorus.cli;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ModuleStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import picocli.CommandLine.Command;

/** {@code status}: a table of the modules' retained chorus/status/+ messages. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Print a table of every module that has reported a status (retained chorus/status/+):",
            "module, state, version, instance, since and, for online modules, uptime.",
            "Exit 0 whatever the states are; use `wait` to check that modules are online."
        })
final class StatusCommand extends MqttCommand {

    /** How long after the retained messages to keep listening for late ones. */
    private static final Duration QUIET = Duration.ofMillis(200);

    @Override
    public Integer call() throws InterruptedException {
        final ConnectionOptions.Settings settings = settings();
        final Map<String, ModuleStatus> modules = new TreeMap<>();
        try (MqttSession mqtt = MqttSession.connect(settings)) {
            collect(mqtt, settings.user(), cli().json(), modules);
        }
        print(cli().out(), modules.values(), Instant.now());
        return Cli.EXIT_OK;
    }

    /**
     * Subscribes to chorus/status/+ and reads the retained statuses. Their end is found with a marker: a
     * message to our own reply topic, sent after the SUBACK, comes back after the retained ones; a short
     * quiet period covers brokers that interleave.
     */
    static void collect(
            final MqttSession mqtt, final String user, final JsonCodec json, final Map<String, ModuleStatus> modules)
            throws InterruptedException {
        mqtt.subscribe(Topics.STATUS_FILTER);
        String marker = null;
        try {
            marker = Topics.reply(user, UUID.randomUUID().toString());
            mqtt.subscribe(marker);
            mqtt.publish(marker, new byte[] {'.'}, 1, false);
        } catch (IllegalArgumentException | CliException e) {
            marker = null; // a user name that is not a topic level, or an ACL without the reply rules
        }
        boolean markerSeen = marker == null;
        final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            final Duration wait = markerSeen ? QUIET : left(deadline);
            final MqttSession.Inbound m = mqtt.poll(wait);
            if (m == null) {
                return;
            }
            if (m.topic().equals(marker)) {
                markerSeen = true;
                continue;
            }
            Topics.STATUS.extract(m.topic(), "module").ifPresent(name -> {
                if (m.payload().length == 0) {
                    modules.remove(name); // a cleared retained status
                    return;
                }
                try {
                    modules.put(name, json.decode(m.payload(), ModuleStatus.class));
                } catch (DecodeException e) {
                    modules.put(name, new ModuleStatus(name, "?", "?", "invalid status: " + e.getMessage(), "?"));
                }
            });
        }
    }

    static void print(final PrintWriter out, final Iterable<ModuleStatus> modules, final Instant now) {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MODULE", "STATE", "VERSION", "INSTANCE", "SINCE", "UPTIME"});
        for (final ModuleStatus s : modules) {
            rows.add(new String[] {
                s.module(), s.state(), s.version(), s.instance(), s.since(), s.online() ? uptime(s.since(), now) : "-"
            });
        }
        if (rows.size() == 1) {
            out.println("no module has reported a status yet");
            return;
        }
        final int[] width = new int[rows.get(0).length];
        for (final String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (final String[] row : rows) {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    static String uptime(final String since, final Instant now) {
        final long s;
        try {
            s = Math.max(0, Duration.between(Instant.parse(since), now).getSeconds());
        } catch (DateTimeParseException e) {
            return "?";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02ds", s % 60);
        }
        if (s < 86_400) {
            return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d" + String.format("%02dh", (s % 86_400) / 3600);
    }
}
