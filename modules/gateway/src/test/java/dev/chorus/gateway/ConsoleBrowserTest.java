package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.TtsSaySites;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.Prerequisite;
import dev.chorus.testkit.TestMqttClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The console in real headless Chromium ({@link Chromium}): log in, every module online, say a sentence, the page's audio
 * element gets a playable WAV (from the {@link FakeTts}'s tone), say one on two sites at once. Screenshots are kept in
 * target/browser/. Without Chromium the test is skipped, except on CI, where it fails ({@link Prerequisite}):
 * .ci/test-tools.sh installs it.
 */
@Timeout(300)
class ConsoleBrowserTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    @TempDir
    Path profile;

    @Test
    void operatorLogsInSeesTheModulesAndHearsASentence() throws IOException {
        Path artifacts = Path.of(System.getProperty("chorus.gateway.artifacts", "target/browser"));
        Files.createDirectories(artifacts);
        try (FakeTts tts = FakeTts.start(BROKER).onSeveralSites();
                FakeAudioServer audio = FakeAudioServer.start(BROKER);
                DialogueFakes understanding = new DialogueFakes(BROKER);
                GatewayHarness.Running gateway = GatewayHarness.start(GatewayHarness.gateway(BROKER))) {
            WebDriver web = Chromium.start(profile);
            // The page re-renders the module board and the log as messages come in: read them in one script
            // (atomic in the page), never element by element (an element found can be gone by the next call).
            JavascriptExecutor js = (JavascriptExecutor) web;
            try {
                web.manage().window().setSize(new Dimension(412, 915)); // a phone
                web.get(gateway.url() + "/");
                await("login page").until(() -> web.getCurrentUrl().endsWith("/login.html"));
                web.findElement(By.id("password")).sendKeys(BROKER.password("operator"));
                web.findElement(By.id("login-button")).click();
                await("console").until(() -> web.getCurrentUrl().equals(gateway.url() + "/"));

                await("tts and gateway online").until(() -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> modules = (List<Map<String, Object>>)
                            js.executeScript("return [...document.querySelectorAll('#modules li.module')]"
                                    + ".map(m => ({module: m.dataset.module, state: m.dataset.state}));");
                    List<Object> online = modules.stream()
                            .filter(m -> "online".equals(m.get("state")))
                            .map(m -> m.get("module"))
                            .toList();
                    return online.containsAll(List.of("tts", "gateway")) && online.size() == modules.size();
                });
                await("voices loaded")
                        .until(() -> web.findElements(By.cssSelector("#voice option"))
                                        .size()
                                > 1);

                web.findElement(By.id("say-text")).sendKeys("Hello from the Chorus console, this is a browser test.");
                web.findElement(By.id("say-button")).click();

                await("playable audio").atMost(Duration.ofSeconds(120)).until(() -> {
                    Object ok = js.executeScript("const a = document.getElementById('say-audio');"
                            + "return !!a.currentSrc && !a.error && a.readyState >= 2 && a.duration > 0;");
                    return Boolean.TRUE.equals(ok);
                });
                @SuppressWarnings("unchecked")
                Map<String, Object> state =
                        (Map<String, Object>) js.executeScript("const a = document.getElementById('say-audio');"
                                + "return {src: a.currentSrc, duration: a.duration, readyState: a.readyState};");
                assertThat((String) state.get("src")).contains("/api/say/").endsWith("/audio");
                assertThat(((Number) state.get("duration")).doubleValue()).isGreaterThan(1.0);
                assertThat(Chromium.textOf(js, "say-status")).contains("s of audio");
                Chromium.screenshot(web, artifacts.resolve("console-phone.png"));

                sayOnSeveralSites(web, js);

                web.manage().window().setSize(new Dimension(1280, 900));
                web.findElement(By.id("log-toggle")).click();
                await("live log").until(() -> Chromium.textOf(js, "log-state").startsWith("watching"));
                web.findElement(By.id("say-button")).click();
                await("say traffic in the log")
                        .atMost(Duration.ofSeconds(120))
                        .until(() -> Boolean.TRUE.equals(
                                js.executeScript("return [...document.querySelectorAll('#log li .topic')]"
                                        + ".some(t => t.textContent.trim() === 'hermes/tts/sayFinished');")));
                web.findElement(By.id("intent-text")).sendKeys("turn on the kitchen light");
                web.findElement(By.id("intent-button")).click();
                await("intent shown")
                        .until(() -> Chromium.textOf(js, "intent-name").equals("ChangeLightState"));
                assertThat(Chromium.textOf(js, "intent-slots")).isEqualTo("name = kitchen");

                web.findElement(By.id("session-site")).clear();
                web.findElement(By.id("session-site")).sendKeys("kitchen");
                web.findElement(By.id("session-button")).click();
                await("session in the live view")
                        .until(() -> Boolean.TRUE.equals(js.executeScript(
                                "return [...document.querySelectorAll('#sessions tr')].some(r => r.dataset.state"
                                        + " === 'ended' && r.textContent.includes('ChangeLightState'));")));
                await("templates loaded")
                        .until(() -> Chromium.textOf(js, "template-layer").equals("from builtin"));
                js.executeScript("const t = document.getElementById('template-text');"
                        + "t.value = '[GetTime]\\nwhat ((time is it\\n'; t.dispatchEvent(new Event('input'));");
                web.findElement(By.id("template-save")).click();
                await("the error on its line")
                        .until(() -> Chromium.textOf(js, "template-status").equals("sentences.ini:2: unbalanced ("));
                js.executeScript("const t = document.getElementById('template-text');"
                        + "t.value = '[GetTime]\\nwhat time is it\\n'; t.dispatchEvent(new Event('input'));");
                web.findElement(By.id("template-save")).click();
                await("trained")
                        .until(() -> Chromium.textOf(js, "template-status").startsWith("trained"));
                Chromium.screenshot(web, artifacts.resolve("console-desktop.png"));
            } finally {
                web.quit();
            }
        }
    }

    /**
     * The Sites field with several sites: one {@code POST /api/say} with {@code siteIds}, so one {@code chorus/tts/say},
     * played on each site (the fake tts's sayFinished per site makes the say finished); one site stays a Hermes say.
     */
    private static void sayOnSeveralSites(WebDriver web, JavascriptExecutor js) {
        // the request the page builds from the field: blanks and repeats dropped, one site is siteId, none is default
        assertThat(sayRequest(js, " kitchen , ,hall,kitchen ")).containsEntry("siteIds", List.of("kitchen", "hall"));
        assertThat(sayRequest(js, " hall ")).containsEntry("siteId", "hall").doesNotContainKey("siteIds");
        assertThat(sayRequest(js, " , ")).containsEntry("siteId", "default");

        try (TestMqttClient wire =
                TestMqttClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY_SITES, Topics.PLAY_BYTES_FILTER)) {
            web.findElement(By.id("site")).clear();
            web.findElement(By.id("site")).sendKeys("kitchen, hall");
            web.findElement(By.id("say-button")).click();

            TtsSaySites say = wire.await(Topics.TTS_SAY_SITES).json(TtsSaySites.class);
            assertThat(say.siteIds()).containsExactly("kitchen", "hall");
            await("audio on both sites")
                    .until(
                            () -> wire.received(Topics.PLAY_BYTES_FILTER).stream()
                                    .map(m -> Topics.PLAY_BYTES.match(m.topic()).orElseThrow())
                                    .filter(levels -> levels.get("requestId").equals(say.id()))
                                    .map(levels -> levels.get("siteId"))
                                    .collect(Collectors.toSet()),
                            sites -> sites.equals(Set.of("kitchen", "hall")));
            await("the page shows the say's audio, on both sites")
                    .atMost(Duration.ofSeconds(120))
                    .until(
                            () -> Chromium.textOf(js, "say-status"),
                            text -> text.contains(" on kitchen, hall · ") && text.endsWith("s of audio"));
            assertThat(js.executeScript("return document.getElementById('say-status').dataset.id;"))
                    .isEqualTo(say.id());
            await("finished once both sites have said it")
                    .until(() -> sayStatus(js, say.id()).get("state"), "finished"::equals);
            assertThat(wire.received(Topics.TTS_SAY_SITES)).hasSize(1);
        }
        web.findElement(By.id("site")).clear();
        web.findElement(By.id("site")).sendKeys("default");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sayRequest(JavascriptExecutor js, String sitesField) {
        return (Map<String, Object>)
                js.executeScript("return sayRequest('hi', saySites(arguments[0]), '', '');", sitesField);
    }

    /** GET /api/say/{id} from the page, with its login. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sayStatus(JavascriptExecutor js, String id) {
        return (Map<String, Object>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/say/' + encodeURIComponent(arguments[0])).then(r => r.json())"
                        + ".then(done, e => done({state: String(e)}));",
                id);
    }
}
