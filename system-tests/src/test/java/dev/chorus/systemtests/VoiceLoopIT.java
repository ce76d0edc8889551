package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.testkit.Prerequisite;
import dev.chorus.testkit.TestMqttClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole voice loop on the containers of docker-compose.yml: a WAV with the wake phrase and a command, copied into
 * the mic module's inbox for site {@code kitchen} (as modules/mic/CONFIG.md tells users), goes through mic → wake → dialogue →
 * asr → nlu → skills → tts → audio, and ends in an answer WAV in the audio module's folder for {@code kitchen} that
 * pocketsphinx understands. Nothing is mocked: the speech is espeak-ng's and every engine is the real one.
 *
 * <p>Twice opt-in, twice fixed. In the clean-clone CI run of 39013b0 (2026-12-02) every case failed, the asr
 * answering every session with empty text while its log filled with Sphinx4's "gs is Nan, converting to 0". The cause:
 * the speech below has 2 s of digital silence between the wake phrase and the command, so when the asr started
 * listening early the first session of its fresh recogniser began with 2 s of zeros, from which Sphinx4's LiveCMN made
 * its first cepstral mean (0/0, NaN, and deaf until 4 s of sound); timing decided whether a run hit it. The asr now
 * has its own LiveCmn (SphinxRecognizerTest reproduces the case) and this test is back in verify. History: it was opt-in once before, when it
 * failed every case in three clean-clone CI runs, the asr answering each startListening at once with an empty
 * textCaptured, as a session whose timeout ran out on old audio does. The asr then took start, stop, toggles and
 * frames into one queue in arrival order (they were four), and the next clean-clone CI run with this test passed
 * 3 of 3 cases. A failed case prints the listening modules' logs. A command is said up to three times, as
 * a user repeats one the assistant got wrong: accuracy is the voice benchmark's figure (docs/performance.md "Voice
 * loop"), this test is about the loop.
 */
@Order(4)
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "chorus.voiceloop", matches = "true")
@ExtendWith(SharedStack.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class VoiceLoopIT {

    /**
     * A failed case prints the listening modules' logs: the assertion's traffic shows what went over MQTT, not why
     * a module answered as it did (one clean-clone CI run got empty transcripts at once that no local run showed).
     */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.TestWatcher LOGS_ON_FAILURE =
            new org.junit.jupiter.api.extension.TestWatcher() {
                @Override
                public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
                    if (stack != null) {
                        System.out.println("[voice] logs after " + context.getDisplayName() + ":\n"
                                + stack.compose(
                                                "logs",
                                                "--no-color",
                                                "--timestamps",
                                                "--tail",
                                                "120",
                                                "asr",
                                                "wake",
                                                "mic",
                                                "dialogue",
                                                "nlu",
                                                "gateway")
                                        .out());
                    }
                }
            };

    static final String SITE = "kitchen";
    static final String WAKE_PHRASE = "hey jarvis";
    static final Duration WAIT = Duration.ofMinutes(2);
    static final String INSTALL =
            "apt-get install espeak-ng sox pocketsphinx pocketsphinx-en-us; .ci/test-tools.sh does";
    static final List<String> HOURS =
            List.of("twelve", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven");

    private static ComposeProject stack;
    private static SharedStack shared;

    @TempDir
    static Path work;

    @BeforeAll
    static void up(SharedStack s) throws java.io.IOException {
        shared = s;
        stack = s.project;
        stack.compose("exec", "-T", "mic", "mkdir", "-p", "/data/inbox/" + SITE).check();
        Files.writeString(work.resolve("time.gram"), TIME_GRAMMAR);
    }

    private static TestMqttClient operator() {
        return TestMqttClient.connect("tcp://127.0.0.1:" + shared.mqttPort, "operator", shared.operatorPassword);
    }

    private static String tool(String name) {
        return Prerequisite.tool(name, INSTALL).toString();
    }

    /**
     * espeak-ng: the wake phrase, a pause in which the dialogue manager beeps and the asr starts listening (users wait
     * for the beep too), the command, then silence for the end-of-speech detector.
     */
    private static Path speech(String name, String command) {
        Path wake = work.resolve(name + "-wake.wav");
        Path cmd = work.resolve(name + "-cmd.wav");
        Path pause = work.resolve(name + "-pause.wav");
        Path out = work.resolve(name + ".wav");
        run(tool("espeak-ng"), "-v", "en-us", "-s", "140", "-w", wake.toString(), WAKE_PHRASE);
        run(tool("espeak-ng"), "-v", "en-us", "-s", "140", "-w", cmd.toString(), command);
        run(tool("sox"), "-R", "-n", "-r", "22050", "-c", "1", "-b", "16", pause.toString(), "trim", "0", "2");
        run(
                tool("sox"),
                "-R",
                wake.toString(),
                pause.toString(),
                cmd.toString(),
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                out.toString(),
                "pad",
                "1",
                "3");
        return out;
    }

    private static String run(String... command) {
        return Docker.run(Duration.ofSeconds(60), List.of(command)).check().out();
    }

    /** Into the mic module's inbox for the site, as a user would: docker compose cp (the file must be readable). */
    private static void feed(Path wav) throws Exception {
        Files.setPosixFilePermissions(wav, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        stack.compose("cp", wav.toString(), "mic:/data/inbox/" + SITE + "/" + wav.getFileName())
                .check();
    }

    /** The WAV files the audio module played for the site. */
    private static Set<String> played() {
        return stack.compose("exec", "-T", "audio", "ls", "/data/played")
                .check()
                .out()
                .lines()
                .filter(l -> l.contains("_" + SITE + "_"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** What pocketsphinx hears in the largest file played since {@code before} (beeps are small). */
    private static String heardInNewestAnswer(Set<String> before) {
        List<String> answers = await().atMost(WAIT)
                .until(() -> played().stream().filter(p -> !before.contains(p)).toList(), l -> !l.isEmpty());
        Path largest = answers.stream()
                .map(name -> {
                    Path local = work.resolve(name);
                    stack.compose("cp", "audio:/data/played/" + name, local.toString())
                            .check();
                    return local;
                })
                .max(Comparator.comparingLong(p -> p.toFile().length()))
                .orElseThrow();
        Path mono = work.resolve("16k-" + largest.getFileName());
        run(tool("sox"), "-R", largest.toString(), "-r", "16000", "-c", "1", "-b", "16", mono.toString());
        return run(tool("pocketsphinx_continuous"), "-infile", mono.toString(), "-logfn", "/dev/null")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * What pocketsphinx hears in the answer {@code say} (its parts as the audio module played them, joined), with a
     * grammar of the time phrases the skills speak (SpokenTime): with its general language model it heard MaryTTS's
     * "past one" as "past line", "past four" as "past far" and "past eight" as "passed a" (2026-12-02), so a third of
     * the hours failed; with the grammar it heard all eleven tried.
     */
    private static String heardTime(Say say) {
        List<String> parts = await().atMost(WAIT)
                .until(
                        () -> played().stream()
                                .filter(p -> p.contains("_" + SITE + "_" + say.id()))
                                .toList(),
                        l -> !l.isEmpty());
        List<String> command = new java.util.ArrayList<>(List.of(tool("sox"), "-R"));
        for (String name : parts) {
            Path local = work.resolve(name);
            stack.compose("cp", "audio:/data/played/" + name, local.toString()).check();
            command.add(local.toString());
        }
        Path mono = work.resolve("16k-" + say.id() + ".wav");
        command.addAll(List.of("-r", "16000", "-c", "1", "-b", "16", mono.toString()));
        run(command.toArray(String[]::new));
        return heardTime(mono);
    }

    /** What pocketsphinx hears in {@code wav} (16 kHz mono) with the grammar of the time phrases. */
    private static String heardTime(Path wav) {
        return run(
                        tool("pocketsphinx_continuous"),
                        "-infile",
                        wav.toString(),
                        "-jsgf",
                        work.resolve("time.gram").toString(),
                        "-logfn",
                        "/dev/null")
                .toLowerCase(Locale.ROOT)
                .trim();
    }

    /** The phrases of the skills' SpokenTime: "[In the afternoon,] it is ten minutes past three". */
    static final String TIME_GRAMMAR = """
            #JSGF V1.0;
            grammar time;
            public <s> = [<part>] it is <clock>;
            <part> = in the morning | in the afternoon | in the evening | at night;
            <clock> = <hour> o'clock | quarter past <hour> | half past <hour> | quarter to <hour>
                | <minutes> past <hour> | <minutes> to <hour>;
            <minutes> = <number> minute | <number> minutes;
            <number> = <unit> | ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen
                | eighteen | nineteen | twenty | twenty <unit>;
            <unit> = one | two | three | four | five | six | seven | eight | nine;
            <hour> = <unit> | ten | eleven | twelve;
            """;

    private static TestMqttClient.Received sessionEnded(TestMqttClient watcher, Set<String> seen) {
        return await().atMost(WAIT)
                .until(
                        () -> watcher.received("hermes/dialogueManager/sessionEnded").stream()
                                .filter(r -> r.text().contains("\"siteId\": \"" + SITE + "\""))
                                .filter(r -> !seen.contains(r.text()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    static final int ATTEMPTS = 3;

    /**
     * Says the WAV until a session of the site ends after {@code intent} was recognised, at most {@link #ATTEMPTS}
     * times, as a user repeats a command the assistant got wrong: recognition accuracy is a benchmark figure
     * (docs/performance.md, ASR), this test is about the loop. Every attempt's text is printed. Returns that session's
     * sessionEnded.
     */
    private static TestMqttClient.Received say(TestMqttClient watcher, Path wav, String intent) throws Exception {
        Set<String> seen = new java.util.HashSet<>();
        for (int attempt = 1; ; attempt++) {
            Path copy = wav.resolveSibling(attempt + "-" + wav.getFileName());
            Files.copy(wav, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            feed(copy);
            TestMqttClient.Received ended = sessionEnded(watcher, seen);
            String session = sessionIdOf(ended.text());
            boolean understood = watcher.received("hermes/intent/" + intent).stream()
                    .anyMatch(r -> r.text().contains("\"sessionId\": \"" + session + "\""));
            String heard = watcher.received("hermes/asr/textCaptured").stream()
                    .filter(r -> r.text().contains(session))
                    .map(TestMqttClient.Received::text)
                    .findFirst()
                    .orElse("(no textCaptured)");
            System.out.printf("[voice] attempt %d for %s: %s%n", attempt, intent, heard);
            if (understood || attempt == ATTEMPTS) {
                assertThat(understood)
                        .as("%s recognised in one of %d attempts; %s", intent, ATTEMPTS, traffic(watcher))
                        .isTrue();
                return ended;
            }
            seen.add(ended.text());
        }
    }

    private static String sessionIdOf(String json) {
        Matcher m = Pattern.compile("\"sessionId\": \"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    @Test
    @Order(1)
    void whatTimeIsItIsAnsweredOnTheSiteThatAsked() throws Exception {
        Path wav = speech("time", "what time is it");
        try (TestMqttClient watcher = operator()) {
            watcher.subscribe("hermes/#");
            Set<String> before = played();
            TestMqttClient.Received ended = say(watcher, wav, "GetTime");
            assertThat(ended.text()).as(traffic(watcher)).contains("\"reason\": \"nominal\"");
            Say answer = spoken(watcher, sessionIdOf(ended.text()));
            tellsTheHour(answer, heardTime(answer));
            assertThat(otherSites(watcher)).isEmpty();
        }
    }

    @Test
    @Order(2)
    void aTimerSetByVoiceRingsOnTheSameSite() throws Exception {
        Path wav = speech("timer", "set a timer for five seconds");
        try (TestMqttClient watcher = operator()) {
            watcher.subscribe("hermes/#");
            TestMqttClient.Received set = say(watcher, wav, "SetTimer");
            assertThat(set.text()).as(traffic(watcher)).contains("\"reason\": \"nominal\"");
            Set<String> before = played();
            // the alarm: a notification session on the same site, after five seconds
            Set<String> done = watcher.received("hermes/dialogueManager/sessionEnded").stream()
                    .map(TestMqttClient.Received::text)
                    .collect(java.util.stream.Collectors.toSet());
            TestMqttClient.Received alarm = sessionEnded(watcher, done);
            assertThat(alarm.text()).as(traffic(watcher)).contains("\"reason\": \"nominal\"");
            assertThat(heardInNewestAnswer(before)).contains("timer");
            assertThat(otherSites(watcher)).isEmpty();
        }
    }

    /**
     * Push-to-talk through the gateway, as the console's "Hold to talk" button sends the browser's recording (the
     * button itself is tested in real Chromium by the gateway's PushToTalkTest): the WAV of a command, no wake phrase,
     * is the site's microphone for one session; the real asr, nlu, skills and tts answer, and the gateway gives back
     * what the site played.
     */
    @Test
    @Order(3)
    void pushToTalkThroughTheGatewayIsAnsweredWithTheHour() throws Exception {
        Path command = work.resolve("ptt-cmd.wav");
        Path wav = work.resolve("ptt.wav");
        run(tool("espeak-ng"), "-v", "en-us", "-s", "140", "-w", command.toString(), "what time is it");
        run(
                tool("sox"),
                "-R",
                command.toString(),
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                wav.toString(),
                "pad",
                "0.5",
                "0.5");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + shared.httpPort;
        java.net.http.HttpResponse<String> login = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"password\": \"" + shared.operatorPassword + "\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String answer = null;
        String sessionId = null;
        TestMqttClient watcher = operator();
        watcher.subscribe("hermes/tts/say");
        for (int attempt = 1; attempt <= ATTEMPTS && answer == null; attempt++) {
            java.net.http.HttpResponse<String> heard = http.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(base + "/api/sessions/listen?siteId=" + SITE))
                            .header("Cookie", cookie)
                            .header("Content-Type", "audio/wav")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(wav))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            System.out.printf("[voice] push-to-talk attempt %d: %d %s%n", attempt, heard.statusCode(), heard.body());
            assertThat(heard.statusCode()).as(heard.body()).isEqualTo(200);
            if (heard.body().contains("\"intent\":\"GetTime\"")) {
                assertThat(heard.body()).contains("\"reason\":\"nominal\"");
                Matcher audio = Pattern.compile("\"audio\":\"([^\"]+)\"").matcher(heard.body());
                assertThat(audio.find()).as(heard.body()).isTrue();
                answer = audio.group(1);
                Matcher session = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(heard.body());
                assertThat(session.find()).as(heard.body()).isTrue();
                sessionId = session.group(1);
            }
        }
        assertThat(answer)
                .as("GetTime understood in one of %d push-to-talk attempts", ATTEMPTS)
                .isNotNull();
        Path played = work.resolve("ptt-answer.wav");
        java.net.http.HttpResponse<Path> got = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + answer))
                        .header("Cookie", cookie)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofFile(played));
        assertThat(got.statusCode()).isEqualTo(200);
        Path mono = work.resolve("16k-ptt-answer.wav");
        run(tool("sox"), "-R", played.toString(), "-r", "16000", "-c", "1", "-b", "16", mono.toString());
        try (watcher) {
            tellsTheHour(spoken(watcher, sessionId), heardTime(mono));
        }
    }

    /** A say of the answer: its text and id. */
    record Say(String text, String id) {}

    /** The say of the answer in {@code session}, from the MQTT traffic. */
    private static Say spoken(TestMqttClient watcher, String session) {
        String say = await().atMost(WAIT)
                .until(
                        () -> watcher.received("hermes/tts/say").stream()
                                .map(TestMqttClient.Received::text)
                                .filter(t -> t.contains("\"sessionId\": \"" + session + "\""))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        Matcher text = Pattern.compile("\"text\": \"([^\"]*)\"").matcher(say);
        Matcher id = Pattern.compile("\"id\": \"([^\"]*)\"").matcher(say);
        assertThat(text.find() && id.find()).as(say).isTrue();
        return new Say(text.group(1).toLowerCase(Locale.ROOT), id.group(1));
    }

    /**
     * The answer names the hour (this one or the next: "five to three", or the minute turned meanwhile), and what
     * pocketsphinx hears in the WAV played ends with the hour it names.
     */
    private static void tellsTheHour(Say answer, String heard) {
        int hour = LocalTime.now(ZoneOffset.UTC).getHour() % 12;
        List<String> said =
                List.of(answer.text().replaceAll("[^a-z' ]", " ").trim().split("\\s+"));
        assertThat(said)
                .as("the hour (%s or %s) in the answer: %s", HOURS.get(hour), HOURS.get((hour + 1) % 12), answer)
                .containsAnyOf(HOURS.get(hour), HOURS.get((hour + 1) % 12));
        System.out.printf("[voice] answer \"%s\", pocketsphinx heard \"%s\"%n", answer.text(), heard);
        List<String> heardWords = List.of(heard.split("\\s+"));
        assertThat(hourOf(heardWords))
                .as("the hour pocketsphinx heard in the WAV played for \"%s\": %s", answer.text(), heard)
                .isEqualTo(hourOf(said));
    }

    /** The hour of a time phrase: its last word, or the one before "o'clock". */
    private static String hourOf(List<String> words) {
        int last = words.size() - 1;
        return words.get(last).equals("o'clock") && last > 0 ? words.get(last - 1) : words.get(last);
    }

    /** The JSON traffic seen (binary audio left out), for the message of a failed assertion. */
    private static String traffic(TestMqttClient watcher) {
        StringBuilder out = new StringBuilder("traffic:\n");
        for (TestMqttClient.Received r : watcher.received("hermes/#")) {
            if (r.topic().endsWith("/audioFrame")
                    || r.topic().contains("/playBytes/")
                    || r.topic().endsWith("/audioCaptured")) {
                continue;
            }
            String text = r.text();
            out.append(r.topic())
                    .append(' ')
                    .append(text, 0, Math.min(300, text.length()))
                    .append('\n');
        }
        return out.toString();
    }

    /** Sites other than {@link #SITE} in the dialogue, tts and audio output traffic seen. */
    private static Set<String> otherSites(TestMqttClient watcher) {
        Pattern site = Pattern.compile("\"siteId\": \"([^\"]*)\"");
        Set<String> others = new TreeSet<>();
        for (TestMqttClient.Received r : watcher.received("hermes/#")) {
            String t = r.topic();
            if (t.contains("/playBytes/") && !t.startsWith("hermes/audioServer/" + SITE + "/")) {
                others.add(t);
            }
            if (t.startsWith("hermes/dialogueManager/") || t.startsWith("hermes/tts/") || t.startsWith("hermes/asr/")) {
                Matcher m = site.matcher(r.text());
                while (m.find()) {
                    if (!m.group(1).equals(SITE)) {
                        others.add(t + " " + m.group(1));
                    }
                }
            }
        }
        return others;
    }
}
