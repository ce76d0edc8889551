package dev.chorus.cli;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.GetVoices;
import dev.chorus.protocol.messages.Voices;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voices}: rhasspy/tts/getVoices → rhasspy/tts/voices. */
@Command(
        name = "voices",
        mixinStandardHelpOptions = true,
        description =
                "List the tts module's voices (rhasspy/tts/getVoices, answered on rhasspy/tts/voices with the same id).")
final class VoicesCommand extends MqttCommand {

    @Option(
            names = "--site",
            paramLabel = "SITE",
            defaultValue = "default",
            description = "Hermes siteId (default ${DEFAULT-VALUE}).")
    String site;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long to wait for the answer (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        final Duration timeout = seconds("--timeout", timeoutSeconds);
        final String requestId = UUID.randomUUID().toString();
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Voices voices;
        try (MqttSession mqtt = connect()) {
            mqtt.subscribe(Topics.TTS_VOICES);
            mqtt.publish(Topics.TTS_GET_VOICES, cli().json().encode(new GetVoices(requestId, site)), 1, false);
            voices = await(mqtt, requestId, deadline);
        }
        final PrintWriter out = cli().out();
        final int width = voices.voices().stream()
                .mapToInt(v -> v.voiceId().length())
                .max()
                .orElse(0);
        for (final Voices.Voice v : voices.voices()) {
            final String description = v.description() == null ? "" : v.description();
            out.println((v.voiceId() + " ".repeat(width - v.voiceId().length() + 2) + description).stripTrailing());
        }
        out.flush();
        return Cli.EXIT_OK;
    }

    private Voices await(final MqttSession mqtt, final String requestId, final long deadline)
            throws InterruptedException {
        while (true) {
            final MqttSession.Inbound m = mqtt.poll(left(deadline));
            if (m == null) {
                throw CliException.failure("no answer on " + Topics.TTS_VOICES + " within " + timeoutSeconds
                        + " s (is the tts module running? try `chorus status`)");
            }
            try {
                final Voices v = cli().json().decode(m.payload(), Voices.class);
                if (requestId.equals(v.id())) {
                    return v;
                }
            } catch (DecodeException e) {
                // someone else's malformed answer
            }
        }
    }
}
