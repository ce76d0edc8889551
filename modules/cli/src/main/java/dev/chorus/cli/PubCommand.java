package dev.chorus.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pub}: one message, acknowledged by the broker. */
@Command(
        name = "pub",
        mixinStandardHelpOptions = true,
        description = {
            "Publish one message and wait for the broker's acknowledgement (QoS 1 and 2).",
            "The cli user may publish on hermes/# and rhasspy/# only."
        })
final class PubCommand extends MqttCommand {

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to publish on.")
    String topic;

    @Parameters(
            index = "1",
            paramLabel = "PAYLOAD",
            description = "The payload as text, or - to read it (bytes as they are) from stdin.")
    String payload;

    @Option(names = "--qos", paramLabel = "0|1|2", defaultValue = "1", description = "QoS (default ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--retain", description = "Ask the broker to retain the message.")
    boolean retain;

    @Override
    public Integer call() {
        if (qos < 0 || qos > 2) {
            throw CliException.usage("--qos: must be 0, 1 or 2, not " + qos);
        }
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            throw CliException.usage("TOPIC: not a topic to publish on (no wildcards): \"" + topic + "\"");
        }
        final byte[] bytes;
        if ("-".equals(payload)) {
            try {
                bytes = cli().in().readAllBytes();
            } catch (IOException e) {
                throw CliException.failure("cannot read the payload from stdin: " + e.getMessage());
            }
        } else {
            bytes = payload.getBytes(StandardCharsets.UTF_8);
        }
        try (MqttSession mqtt = connect()) {
            mqtt.publish(topic, bytes, qos, retain);
        }
        return Cli.EXIT_OK;
    }
}
