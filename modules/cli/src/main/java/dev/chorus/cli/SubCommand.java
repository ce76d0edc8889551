package dev.chorus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sub}: print what arrives, one {@code topic payload} line per message. */
@Command(
        name = "sub",
        mixinStandardHelpOptions = true,
        description = {
            "Subscribe and print one line per message: the topic, a space, the payload.",
            "Text payloads are printed with \\n, \\r, \\t escaped; binary ones as <N bytes> (with the duration of a WAV).",
            "Retained messages are printed too. Without --count and --timeout it runs until interrupted.",
            "The cli user may subscribe to hermes/#, rhasspy/#, chorus/status/+ and chorus/error/+."
        })
final class SubCommand extends MqttCommand {

    @Parameters(arity = "1..*", paramLabel = "FILTER", description = "Topic filters (+ and # allowed).")
    List<String> filters;

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "Stop after N messages (exit 1 if --timeout passes first).")
    Integer count;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Stop after this long: exit 0 without --count, exit 1 if fewer than --count messages came.")
    Double timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            throw CliException.usage("--count: must be at least 1, not " + count);
        }
        final Duration timeout = timeoutSeconds == null ? null : seconds("--timeout", timeoutSeconds);
        final long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        final PrintWriter out = cli().out();
        int received = 0;
        try (MqttSession mqtt = connect()) {
            mqtt.subscribe(filters.toArray(String[]::new));
            while (count == null || received < count) {
                final Duration wait = timeout == null ? Duration.ofHours(1) : left(deadline);
                final MqttSession.Inbound m = mqtt.poll(wait);
                if (m == null) {
                    if (timeout == null) {
                        continue;
                    }
                    if (count == null) {
                        return Cli.EXIT_OK;
                    }
                    throw CliException.failure(
                            "timed out after " + timeoutSeconds + " s with " + received + " of " + count + " messages");
                }
                out.println(m.topic() + " " + Payloads.describe(m.payload()));
                out.flush();
                received++;
            }
        }
        return Cli.EXIT_OK;
    }
}
