package dev.chorus.systemtests;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.client.ChorusClient;
import dev.chorus.protocol.PlayIds;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.testkit.Prerequisite;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice benchmark (issue 10), started by {@code bench/voice.sh} on a stack that script brought up: spoken commands
 * ("hey jarvis", a pause, a command of {@link VoiceCommand}) go one at a time into the mic inbox of one site, and one
 * watcher connection ({@link VoiceTrace}) times each step from the frame that carries the command's last speech sample
 * to the first playBytes of the answer. Writes a markdown section ({@link VoiceReport}) to {@code CHORUS_BENCH_OUT}.
 *
 * <p>Not a test: the name matches neither Surefire's nor Failsafe's patterns, so {@code ./mvnw verify} never runs it;
 * the script names it with {@code -Dit.test=VoiceBench}.
 */
@Timeout(value = 90, unit = TimeUnit.MINUTES)
class VoiceBench {

    static final String SITE = "kitchen";
    static final String WAKE_PHRASE = "hey jarvis";
    static final int RATE = 16_000;
    static final int FRAME_SAMPLES = 1024; // the mic module's default CHORUS_MIC_FRAME_SAMPLES
    /** A sample louder than this (-40 dBFS) is speech; espeak-ng's output ends in a quieter decay and then zeros. */
    static final int SPEECH_LEVEL = 328;

    static final double LEAD_SECONDS = 1.0;
    /** Between wake phrase and command: the wake word fires, the dialogue beeps, the asr starts listening. */
    static final double PAUSE_SECONDS = 2.0;

    static final double TAIL_SECONDS = 1.0;
    static final Duration SESSION_WAIT = Duration.ofMinutes(2);
    /** Answers for the intents no built-in skill handles, so every session ends with something said. */
    static final Map<String, String> BENCH_ANSWERS = Map.of(
            "ChangeLightState", "The light is switched.",
            "SetBrightness", "The brightness is set.",
            "GetWeather", "It is sunny.",
            "Yes", "Good.",
            "No", "All right.");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TTS_FIRST = Pattern.compile(
            "say (\\S+) out in \\d+ playBytes, \\d+ ms of audio, first audio (\\d+) ms after the request");

    @TempDir
    Path work;

    private ComposeProject stack;
    private byte[] wakeSamples;

    @Test
    void voiceLoop() throws Exception {
        String project = env("CHORUS_BENCH_PROJECT", "chorus-bench-voice");
        String port = env("CHORUS_MQTT_PORT", "1883");
        int n = Integer.parseInt(env("CHORUS_BENCH_SENTENCES", "38"));
        Path out = Path.of(env("CHORUS_BENCH_OUT", "target/voice-bench.md"));
        stack = new ComposeProject(project, Docker.repoRoot(), "docker-compose.yml");
        String password = stack.compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/operator")
                .check()
                .out()
                .strip();
        stack.compose("exec", "-T", "mic", "mkdir", "-p", "/data/inbox/" + SITE).check();
        long silenceMs = asrSilenceMs();
        wakeSamples = speak("wake", WAKE_PHRASE);
        String uri = "tcp://127.0.0.1:" + port;
        List<VoiceResult> results = new ArrayList<>();
        String start = clockAndLoad();
        try (VoiceTrace trace = new VoiceTrace(uri, password, SITE);
                ChorusClient handler = answerUnhandledIntents(uri, password)) {
            // one command first, not counted: the JVMs' first pass through every step is slow
            say(trace, new VoiceCommand("what time is it", "GetTime", Map.of()), silenceMs, "warm-up");
            List<VoiceCommand> commands = VoiceCommand.first(n);
            for (int i = 0; i < commands.size(); i++) {
                results.add(say(trace, commands.get(i), silenceMs, Integer.toString(i + 1)));
            }
        }
        String end = clockAndLoad();
        results = withTtsFirstAudio(results);
        String section = "Commands said from " + start + " to " + end + " (UTC time, `uptime` load average).\n\n"
                + new VoiceReport(results, silenceMs).markdown();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, section);
        System.out.println(section);
    }

    private static String clockAndLoad() throws java.io.IOException {
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return java.time.LocalTime.now(java.time.ZoneOffset.UTC).withNano(0) + " (load " + load[0] + " " + load[1] + " "
                + load[2] + ")";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /** CHORUS_ASR_SILENCE as the stack passes it to the asr (compose config), else the module's default 600 ms. */
    private long asrSilenceMs() throws Exception {
        JsonNode config = JSON.readTree(
                stack.compose("config", "--format", "json").check().out());
        JsonNode value = config.path("services").path("asr").path("environment").path("CHORUS_ASR_SILENCE");
        String text = value.isMissingNode() || value.asText().isBlank()
                ? "600ms"
                : value.asText().strip();
        if (text.endsWith("ms")) {
            return Long.parseLong(text.substring(0, text.length() - 2).strip());
        }
        String seconds = text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
        return Math.round(Double.parseDouble(seconds.strip()) * 1000);
    }

    /** The bench plays the handler of the intents no built-in skill answers (docs/intents.md, "Any MQTT client"). */
    private static ChorusClient answerUnhandledIntents(String uri, String password) {
        ChorusClient client = ChorusClient.to(uri)
                .login("operator", password.getBytes(StandardCharsets.UTF_8))
                .clientId("operator-voicebench-handler")
                .connectTimeout(Duration.ofSeconds(30))
                .connect();
        ChorusClient.await(
                client.subscribe("hermes/intent/#", 1, m -> {
                    String answer = BENCH_ANSWERS.get(m.topic().substring("hermes/intent/".length()));
                    if (answer == null) {
                        return;
                    }
                    try {
                        String session =
                                JSON.readTree(m.payload()).path("sessionId").asText();
                        client.publish(new EndSession(session, answer, null));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }),
                Duration.ofSeconds(30));
        return client;
    }

    /** Says one command into the site's inbox and collects what the loop made of it. */
    private VoiceResult say(VoiceTrace trace, VoiceCommand command, long silenceMs, String label) throws Exception {
        byte[] cmd = speak("cmd-" + label, command.text());
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        pcm.write(new byte[samples(LEAD_SECONDS) * 2]);
        pcm.write(wakeSamples);
        pcm.write(new byte[samples(PAUSE_SECONDS) * 2]);
        int commandStart = pcm.size() / 2;
        pcm.write(cmd);
        pcm.write(new byte[samples(TAIL_SECONDS) * 2]);
        byte[] all = pcm.toByteArray();
        // the mic cuts frames from the file's first sample on: frame k holds samples [k*1024, (k+1)*1024)
        int lastSpeech = commandStart + lastLoudSample(cmd);
        int frame = lastSpeech / FRAME_SAMPLES;
        int silenceDone = lastSpeech + (int) (silenceMs * RATE / 1000);
        double vadAudioMs = (silenceDone / FRAME_SAMPLES - frame) * FRAME_SAMPLES * 1000.0 / RATE;
        byte[] frameBytes = new byte[FRAME_SAMPLES * 2];
        System.arraycopy(
                all,
                frame * FRAME_SAMPLES * 2,
                frameBytes,
                0,
                Math.min(frameBytes.length, all.length - frame * FRAME_SAMPLES * 2));
        Path wav = work.resolve("voice-" + label + ".wav");
        Files.write(wav, Wav.write(PcmFormat.mono16(RATE), all));
        Files.setPosixFilePermissions(wav, PosixFilePermissions.fromString("rw-r--r--"));

        int mark = trace.mark();
        trace.watchFrame(frameBytes);
        long fed = System.nanoTime();
        stack.compose("cp", wav.toString(), "mic:/data/inbox/" + SITE + "/" + wav.getFileName())
                .check();
        long audioNanos = (long) (all.length / 2) * 1_000_000_000L / RATE;
        // done when the site's session ended, or when no wake word came long after the file must have streamed
        try {
            awaitSessionEnd(trace, mark, fed, audioNanos);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // a session that never ends is a result too (no sessionEnded), not the end of the run
            System.out.printf("[voice] %s: no sessionEnded within %s%n", label, SESSION_WAIT);
        }
        VoiceResult r = collect(trace, mark, command, vadAudioMs);
        System.out.printf(
                "[voice] %s \"%s\": wake %s, heard \"%s\", intent %s %s, answer after %s ms (%s)%n",
                label, command.text(), r.wake(), r.text(), r.intent(), r.slots(), r.answerMs(), r.ended());
        return r;
    }

    private static void awaitSessionEnd(VoiceTrace trace, int mark, long fed, long audioNanos) {
        await().atMost(SESSION_WAIT.plusNanos(audioNanos))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sessionOf(trace, mark)
                        .map(s -> trace.first(
                                        mark,
                                        "hermes/dialogueManager/sessionEnded"::equals,
                                        e -> s.equals(e.text("sessionId")))
                                .isPresent())
                        .orElse(System.nanoTime() - fed
                                > audioNanos + Duration.ofSeconds(20).toNanos()));
    }

    private static Optional<String> sessionOf(VoiceTrace trace, int mark) {
        return trace.first(mark, "hermes/dialogueManager/sessionStarted"::equals, e -> SITE.equals(e.text("siteId")))
                .map(e -> e.text("sessionId"));
    }

    private static VoiceResult collect(VoiceTrace trace, int mark, VoiceCommand command, double vadAudioMs) {
        boolean wake = trace.first(
                        mark,
                        t -> t.startsWith("hermes/hotword/") && t.endsWith("/detected"),
                        e -> SITE.equals(e.text("siteId")))
                .isPresent();
        Optional<String> session = sessionOf(trace, mark);
        Optional<VoiceTrace.Event> frame = trace.first(mark, VoiceTrace.FRAME_SEEN::equals, e -> true);
        if (session.isEmpty()) {
            return new VoiceResult(
                    command,
                    wake,
                    null,
                    null,
                    Map.of(),
                    null,
                    vadAudioMs,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "");
        }
        String id = session.get();
        Optional<VoiceTrace.Event> text =
                trace.first(mark, "hermes/asr/textCaptured"::equals, e -> id.equals(e.text("sessionId")));
        Optional<VoiceTrace.Event> query =
                trace.first(mark, "hermes/nlu/query"::equals, e -> id.equals(e.text("sessionId")));
        Optional<VoiceTrace.Event> intent = trace.first(
                mark,
                t -> t.startsWith("hermes/intent/") || t.equals("hermes/nlu/intentNotRecognized"),
                e -> id.equals(e.text("sessionId")));
        Optional<VoiceTrace.Event> say =
                trace.first(mark, "hermes/tts/say"::equals, e -> id.equals(e.text("sessionId")));
        String sayId = say.map(e -> e.text("id")).orElse("");
        String playBytes = "hermes/audioServer/" + SITE + "/playBytes/";
        Optional<VoiceTrace.Event> answer = say.flatMap(s -> trace.first(
                mark,
                t -> t.startsWith(playBytes) && PlayIds.belongsTo(t.substring(playBytes.length()), sayId),
                e -> true));
        Optional<VoiceTrace.Event> beep = text.flatMap(t -> trace.since(mark).stream()
                .filter(e -> e.nanos() >= t.nanos() && e.topic().startsWith(playBytes))
                .filter(e -> !PlayIds.belongsTo(e.topic().substring(playBytes.length()), sayId))
                .findFirst());
        Optional<VoiceTrace.Event> ended =
                trace.first(mark, "hermes/dialogueManager/sessionEnded"::equals, e -> id.equals(e.text("sessionId")));
        long t0 = frame.map(VoiceTrace.Event::nanos).orElse(Long.MIN_VALUE);
        return new VoiceResult(
                command,
                wake,
                text.map(e -> e.text("text")).orElse(null),
                intent.map(e -> e.json().path("intent").path("intentName").asText(""))
                        .orElse(null),
                intent.map(e -> slots(e.json())).orElse(Map.of()),
                text.map(e -> e.json().path("seconds").asDouble()).orElse(null),
                vadAudioMs,
                null,
                after(t0, text),
                after(t0, query),
                after(t0, intent),
                after(t0, say),
                after(t0, beep),
                after(t0, answer),
                ended.map(e -> e.json().path("termination").path("reason").asText())
                        .orElse("(none)"),
                sayId);
    }

    private static Map<String, String> slots(JsonNode intent) {
        Map<String, String> slots = new TreeMap<>();
        for (JsonNode slot : intent.path("slots")) {
            slots.put(
                    slot.path("slotName").asText(),
                    slot.path("value").path("value").asText());
        }
        return slots;
    }

    private static Double after(long t0, Optional<VoiceTrace.Event> e) {
        if (t0 == Long.MIN_VALUE || e.isEmpty()) {
            return null;
        }
        return (e.get().nanos() - t0) / 1e6;
    }

    /** The tts module's own synthesis time of each answer's first audio, from its log (matched by say id). */
    private List<VoiceResult> withTtsFirstAudio(List<VoiceResult> results) {
        Map<String, Double> firstAudio = new HashMap<>();
        Matcher m = TTS_FIRST.matcher(
                stack.compose("logs", "--no-color", "tts").check().out());
        while (m.find()) {
            firstAudio.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        List<VoiceResult> out = new ArrayList<>();
        for (VoiceResult r : results) {
            out.add(r.withTtsFirstMs(firstAudio.get(r.sayId())));
        }
        return out;
    }

    private static int samples(double seconds) {
        return (int) Math.round(seconds * RATE);
    }

    /** espeak-ng's speech for a text, converted by sox to 16 kHz mono 16-bit: the samples, no header. */
    private byte[] speak(String name, String text) throws Exception {
        Path raw = work.resolve(name + "-22k.wav");
        Path wav = work.resolve(name + ".wav");
        String install = "apt-get install espeak-ng sox";
        run(Prerequisite.tool("espeak-ng", install).toString(), "-v", "en-us", "-s", "140", "-w", raw.toString(), text);
        run(
                Prerequisite.tool("sox", install).toString(),
                "-R",
                raw.toString(),
                "-r",
                Integer.toString(RATE),
                "-c",
                "1",
                "-b",
                "16",
                wav.toString());
        return Wav.parse(Files.readAllBytes(wav)).samples();
    }

    private static int lastLoudSample(byte[] pcm) {
        for (int i = pcm.length / 2 - 1; i >= 0; i--) {
            int s = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            if (Math.abs(s) > SPEECH_LEVEL) {
                return i;
            }
        }
        return 0;
    }

    private static void run(String... command) {
        Docker.run(Duration.ofSeconds(60), List.of(command)).check();
    }
}
