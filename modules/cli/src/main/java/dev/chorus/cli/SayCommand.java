package dev.chorus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.PlayIds;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSayFinished;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code say}: hermes/tts/say, then wait for the sayFinished with the same id. */
@Command(
        name = "say",
        mixinStandardHelpOptions = true,
        description = {
            "Speak a text: publish hermes/tts/say with a new id and wait for hermes/tts/sayFinished with that id.",
            "Prints the id. With --save, keeps the audio the tts module sent for it as one WAV file."
        })
final class SayCommand extends MqttCommand {

    @Parameters(
            arity = "1..*",
            paramLabel = "TEXT",
            description = "What to say (several words are joined with spaces).")
    List<String> words;

    @Option(
            names = "--site",
            paramLabel = "SITE",
            defaultValue = "default",
            description = "Hermes siteId (default ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language, e.g. en_US (the tts picks a voice for it).")
    String lang;

    @Option(names = "--voice", paramLabel = "VOICE", description = "Voice id (see `chorus voices`); wins over --lang.")
    String voice;

    @Option(names = "--preset", paramLabel = "PRESET", description = "A preset of the tts module's presets.yml.")
    String preset;

    @Option(names = "--volume", paramLabel = "0..1", description = "Volume, 0 to 1.")
    Double volume;

    @Option(names = "--id", paramLabel = "ID", description = "Request id (default: a new UUID).")
    String id;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "How long to wait for sayFinished (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the spoken audio to this WAV file.")
    Path save;

    @Override
    public Integer call() throws InterruptedException {
        final Duration timeout = seconds("--timeout", timeoutSeconds);
        if (volume != null && !(volume >= 0 && volume <= 1)) {
            throw CliException.usage("--volume: must be between 0 and 1, not " + volume);
        }
        final String text = String.join(" ", words);
        if (text.isBlank()) {
            throw CliException.usage("TEXT: must not be blank");
        }
        final String requestId = id != null ? id : UUID.randomUUID().toString();
        try {
            Topics.PLAY_BYTES.format(site, requestId); // both become topic levels of the audio
        } catch (IllegalArgumentException e) {
            throw CliException.usage(
                    "--site and --id must be non-empty and free of / + #: \"" + site + "\", \"" + requestId + "\"");
        }
        final ObjectNode payload =
                cli().json().mapper().valueToTree(new TtsSay(text, site, lang, requestId, null, volume));
        if (voice != null) {
            payload.put("voice", voice);
        }
        if (preset != null) {
            payload.put("preset", preset);
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<byte[]> audio = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        try (MqttSession mqtt = connect()) {
            mqtt.subscribe(Topics.TTS_SAY_FINISHED, Topics.ERROR_TTS);
            if (save != null) {
                mqtt.subscribe(Topics.PLAY_BYTES_FILTER);
            }
            mqtt.publish(Topics.TTS_SAY, cli().json().encode(payload), 1, false);
            while (true) {
                final MqttSession.Inbound m = mqtt.poll(left(deadline));
                if (m == null) {
                    throw CliException.failure("no sayFinished for " + requestId + " within " + timeoutSeconds
                            + " s (is the tts module running? try `chorus status`)");
                }
                if (m.topic().equals(Topics.TTS_SAY_FINISHED)) {
                    if (finishes(m, requestId)) {
                        break;
                    }
                } else if (m.topic().equals(Topics.ERROR_TTS)) {
                    error(m, requestId, errors);
                } else if (isOurAudio(m.topic(), requestId)) {
                    audio.add(m.payload());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw CliException.failure("tts: " + String.join("; ", errors));
        }
        if (save != null) {
            if (audio.isEmpty()) {
                throw CliException.failure("sayFinished for " + requestId + " came without any audio to save");
            }
            try {
                Files.write(save, Payloads.joinWavs(audio));
            } catch (IOException e) {
                throw CliException.failure("cannot write " + save + ": " + e.getMessage());
            }
        }
        cli().out().println(requestId);
        return Cli.EXIT_OK;
    }

    private boolean finishes(final MqttSession.Inbound m, final String requestId) {
        try {
            return requestId.equals(
                    cli().json().decode(m.payload(), TtsSayFinished.class).id());
        } catch (DecodeException e) {
            return false;
        }
    }

    private void error(final MqttSession.Inbound m, final String requestId, final List<String> errors) {
        try {
            final HermesError e = cli().json().decode(m.payload(), HermesError.class);
            if (requestId.equals(e.context())) {
                errors.add(e.error());
            }
        } catch (DecodeException e) {
            // someone else's malformed error report
        }
    }

    /**
     * The tts module sends one playBytes per sentence (or slice): {@code <id>-<n>} for all but the last,
     * {@code <id>} for the last ({@link PlayIds}).
     */
    private boolean isOurAudio(final String topic, final String requestId) {
        return Topics.PLAY_BYTES.matches(topic)
                && Topics.PLAY_BYTES.extract(topic, "siteId").orElse("").equals(site)
                && Topics.PLAY_BYTES
                        .extract(topic, "requestId")
                        .map(id -> PlayIds.belongsTo(id, requestId))
                        .orElse(false);
    }
}
