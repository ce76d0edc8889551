package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.Prerequisite;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Push-to-talk ({@code POST /api/sessions/listen}): the recording reaches the site's asr as 16 kHz audioFrames ended
 * by silence, the session's outcome and the site's answer come back; bad recordings are refused with a problem. Then
 * the same from the console's "Hold to talk" button in real Chromium, its microphone fed from an espeak-ng WAV
 * (Chromium's fake capture device).
 */
@Timeout(300)
class PushToTalkTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    @TempDir
    Path work;

    @Test
    void aRecordingIsTheSitesMicrophoneForOneSession() throws Exception {
        try (FakeAudioServer audio = FakeAudioServer.start(BROKER);
                ListeningSiteFakes site = new ListeningSiteFakes(BROKER);
                GatewayHarness.Running gateway = GatewayHarness.start(GatewayHarness.gateway(BROKER))) {
            Http api = new Http(gateway.url()).token(GatewayHarness.token(BROKER));
            // 1 s of a loud tone at 22.05 kHz: the gateway converts it to 16 kHz
            Http.Response r = postWav(api, "/api/sessions/listen?siteId=kitchen", tone(22050, 1.0));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode session = r.json().get("session");
            assertThat(session.get("siteId").asText()).isEqualTo("kitchen");
            assertThat(session.get("state").asText()).isEqualTo("ended");
            assertThat(session.get("reason").asText()).isEqualTo("nominal");
            byte[] heard = site.captured("kitchen");
            // from the first loud frame: the second of tone (whole 1024-sample frames) and the 10 silent frames
            assertThat(heard.length / 2).isBetween(16000 + 10 * 1024, 16000 + 12 * 1024);

            String path = r.json().get("audio").asText();
            assertThat(path)
                    .isEqualTo("/api/sessions/" + session.get("sessionId").asText() + "/audio");
            Http.Response answer = api.get(path);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.contentType()).isEqualTo("audio/wav");
            assertThat(Wav.parse(answer.body()).samples())
                    .isEqualTo(Wav.parse(ListeningSiteFakes.ANSWER).samples());
            assertThat(audio.plays()).isEqualTo(1);

            assertProblem(postWav(api, "/api/sessions/listen", "not a wav".getBytes()), 415, "PCM WAV");
            assertProblem(postWav(api, "/api/sessions/listen", new byte[0]), 422, "WAV recording");
            assertProblem(postWav(api, "/api/sessions/listen", tone(8000, 31)), 422, "longer than 30 s");
            assertProblem(postWav(api, "/api/sessions/listen?siteId=a/b", tone(16000, 1)), 422, "topic level");
            assertProblem(api.get("/api/sessions/nope/audio"), 404, "no audio kept");
        }
    }

    @Test
    void theConsolesHoldToTalkButtonSendsTheBrowsersMicrophone() throws Exception {
        Path espeak = Prerequisite.tool("espeak-ng", "apt-get install espeak-ng (.ci/test-tools.sh)");
        Path speech = work.resolve("speech.wav");
        new ProcessBuilder(espeak.toString(), "-v", "en-us", "-w", speech.toString(), ListeningSiteFakes.HEARD)
                .inheritIO()
                .start()
                .waitFor();
        double seconds = Wav.parse(Files.readAllBytes(speech)).duration().toMillis() / 1000.0;
        try (FakeAudioServer audio = FakeAudioServer.start(BROKER);
                ListeningSiteFakes site = new ListeningSiteFakes(BROKER);
                GatewayHarness.Running gateway = GatewayHarness.start(GatewayHarness.gateway(BROKER))) {
            WebDriver web = Chromium.start(
                    work.resolve("profile"),
                    "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-audio-capture=" + speech.toAbsolutePath(),
                    "--autoplay-policy=no-user-gesture-required");
            JavascriptExecutor js = (JavascriptExecutor) web;
            try {
                web.get(gateway.url() + "/login.html");
                web.findElement(By.id("password")).sendKeys(BROKER.password("operator"));
                web.findElement(By.id("login-button")).click();
                await("console").until(() -> web.getCurrentUrl().equals(gateway.url() + "/"));
                web.findElement(By.id("session-site")).clear();
                web.findElement(By.id("session-site")).sendKeys("hall");

                Actions hold = new Actions(web);
                hold.clickAndHold(web.findElement(By.id("talk-button"))).perform();
                // held for the length of the speech file (the fake device loops it) and a little more
                await("recording").atMost(Duration.ofSeconds(60)).until(() -> {
                    Object n = js.executeScript(
                            "return recording ? recording.chunks.length * 4096 / recording.context.sampleRate : 0;");
                    return ((Number) n).doubleValue() >= seconds + 0.5;
                });
                hold.release().perform();

                await("the session's outcome on the page")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> Chromium.textOf(js, "session-status").contains("ChangeLightState"));
                assertThat(Chromium.textOf(js, "session-status"))
                        .contains("nominal")
                        .contains(ListeningSiteFakes.HEARD);
                await("the answer playable in the page")
                        .until(
                                () -> Boolean.TRUE.equals(
                                        js.executeScript(
                                                "const a = document.getElementById('talk-audio');"
                                                        + "return !!a.currentSrc && !a.error && a.readyState >= 2 && a.duration > 0.4;")));

                // the asr got speech: loud for a good part of the recording (espeak's pauses are quiet)
                byte[] heard = site.captured("hall");
                assertThat(heard).isNotNull();
                assertThat(loudShare(heard)).isGreaterThan(0.2);
                Chromium.screenshot(
                        web,
                        Files.createDirectories(Path.of("target", "browser")).resolve("push-to-talk.png"));
            } finally {
                web.quit();
            }
        }
    }

    /** The share of 32 ms windows whose RMS is above -30 dBFS. */
    private static double loudShare(byte[] pcm) {
        int window = 512;
        int windows = 0;
        int loud = 0;
        for (int start = 0; start + window * 2 <= pcm.length; start += window * 2) {
            double sum = 0;
            for (int i = start; i < start + window * 2; i += 2) {
                int x = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
                sum += (double) x * x;
            }
            windows++;
            if (Math.sqrt(sum / window) > 1036) {
                loud++;
            }
        }
        return windows == 0 ? 0 : (double) loud / windows;
    }

    private static Http.Response postWav(Http api, String path, byte[] wav) {
        return api.send(api.request(path)
                .header("Content-Type", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav))
                .build());
    }

    private static byte[] tone(int rate, double seconds) {
        int n = (int) (rate * seconds);
        byte[] pcm = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            short x = (short) (8000 * Math.sin(2 * Math.PI * 300 * i / rate));
            pcm[2 * i] = (byte) x;
            pcm[2 * i + 1] = (byte) (x >> 8);
        }
        return Wav.write(PcmFormat.mono16(rate), pcm);
    }

    private static void assertProblem(Http.Response r, int status, String detail) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains(detail);
    }
}
