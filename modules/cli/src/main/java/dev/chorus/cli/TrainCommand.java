package dev.chorus.cli;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.NluTrain;
import dev.chorus.protocol.messages.NluTrainSuccess;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: rhasspy/nlu/{siteId}/train → trainSuccess, or hermes/error/nlu naming the file, line and reason of
 * a bad template (the previous training stays in force). The nlu module also retrains by itself when a template file
 * changes; this asks for it now and says whether it worked.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Retrain the NLU from its sentence templates and print the result.")
final class TrainCommand extends MqttCommand {

    @Option(
            names = "--site",
            paramLabel = "SITE",
            defaultValue = "default",
            description = "Hermes siteId of the request (default ${DEFAULT-VALUE}).")
    String site;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long to wait for the answer (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        final Duration timeout = seconds("--timeout", timeoutSeconds);
        final String id = UUID.randomUUID().toString();
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (MqttSession mqtt = connect()) {
            mqtt.subscribe(Topics.nluTrainSuccess(site), Topics.ERROR_NLU);
            mqtt.publish(Topics.nluTrain(site), cli().json().encode(new NluTrain(id, null)), 1, false);
            while (true) {
                final MqttSession.Inbound m = mqtt.poll(left(deadline));
                if (m == null) {
                    throw CliException.failure("no answer from the NLU within " + timeoutSeconds
                            + " s (is the nlu module running? try `chorus status`)");
                }
                try {
                    if (m.topic().equals(Topics.ERROR_NLU)) {
                        final HermesError error = cli().json().decode(m.payload(), HermesError.class);
                        if (id.equals(error.context())) {
                            throw CliException.failure(error.error());
                        }
                    } else if (id.equals(cli().json()
                            .decode(m.payload(), NluTrainSuccess.class)
                            .id())) {
                        cli().out().println("trained");
                        cli().out().flush();
                        return Cli.EXIT_OK;
                    }
                } catch (DecodeException e) {
                    // someone else's malformed message
                }
            }
        }
    }
}
