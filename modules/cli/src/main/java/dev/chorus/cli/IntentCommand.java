package dev.chorus.cli;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.Slot;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code intent TEXT}: hermes/nlu/query → hermes/nlu/intentParsed or intentNotRecognized, matched by the query's id.
 * Only the NLU is asked: no session, nothing is spoken, and no intent handler runs (intentParsed is the NLU's
 * low-level answer; the NLU also publishes hermes/intent/..., which handlers may act on).
 */
@Command(
        name = "intent",
        mixinStandardHelpOptions = true,
        description = "Recognise the intent of a sentence (hermes/nlu/query) and print it with its slots.")
final class IntentCommand extends MqttCommand {

    @Parameters(index = "0", paramLabel = "TEXT", description = "The sentence, as it would be spoken.")
    String text;

    @Option(
            names = "--site",
            paramLabel = "SITE",
            defaultValue = "default",
            description = "Hermes siteId (default ${DEFAULT-VALUE}).")
    String site;

    @Option(
            names = "--filter",
            paramLabel = "INTENT",
            split = ",",
            description = "Only these intents (comma-separated intent names).")
    List<String> filter;

    @Option(names = "--json", description = "Print the intentParsed payload as it came.")
    boolean json;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long to wait for the answer (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        final Duration timeout = seconds("--timeout", timeoutSeconds);
        final String id = UUID.randomUUID().toString();
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (MqttSession mqtt = connect()) {
            mqtt.subscribe(Topics.NLU_INTENT_PARSED, Topics.NLU_INTENT_NOT_RECOGNIZED, Topics.ERROR_NLU);
            final NluQuery query = new NluQuery(text, site, id, filter, null, null, null, null, null, null);
            mqtt.publish(query.topic(), cli().json().encode(query), 1, false);
            while (true) {
                final MqttSession.Inbound m = mqtt.poll(left(deadline));
                if (m == null) {
                    throw CliException.failure("no answer from the NLU within " + timeoutSeconds
                            + " s (is the nlu module running? try `chorus status`)");
                }
                final Integer done = answer(m, id);
                if (done != null) {
                    return done;
                }
            }
        }
    }

    /** The exit code once {@code m} answers our query; null for other messages. */
    private Integer answer(final MqttSession.Inbound m, final String id) {
        final PrintWriter out = cli().out();
        try {
            switch (m.topic()) {
                case Topics.NLU_INTENT_PARSED -> {
                    final NluIntentParsed parsed = cli().json().decode(m.payload(), NluIntentParsed.class);
                    if (!id.equals(parsed.id())) {
                        return null;
                    }
                    if (json) {
                        out.println(new String(m.payload(), StandardCharsets.UTF_8));
                    } else {
                        print(out, parsed);
                    }
                    out.flush();
                    return Cli.EXIT_OK;
                }
                case Topics.NLU_INTENT_NOT_RECOGNIZED -> {
                    final NluIntentNotRecognized nr = cli().json().decode(m.payload(), NluIntentNotRecognized.class);
                    if (!id.equals(nr.id())) {
                        return null;
                    }
                    throw CliException.failure("not recognised: \"" + text + "\"");
                }
                default -> {
                    final HermesError error = cli().json().decode(m.payload(), HermesError.class);
                    if (!text.equals(error.context())) {
                        return null;
                    }
                    throw CliException.failure("the NLU reported an error: " + error.error());
                }
            }
        } catch (DecodeException e) {
            return null; // someone else's malformed message
        }
    }

    private static void print(final PrintWriter out, final NluIntentParsed parsed) {
        out.printf(
                "%s (confidence %.2f)%n",
                parsed.intent().intentName(), parsed.intent().confidenceScore());
        final List<Slot> slots = parsed.slots() == null ? List.of() : parsed.slots();
        for (final Slot slot : slots) {
            final String raw = Objects.equals(slot.rawValue(), String.valueOf(slot.plainValue()))
                    ? ""
                    : " (heard \"" + slot.rawValue() + "\")";
            out.printf("  %s = %s%s%n", slot.slotName(), slot.plainValue(), raw);
        }
    }
}
