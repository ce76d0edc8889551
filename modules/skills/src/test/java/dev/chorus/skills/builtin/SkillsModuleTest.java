package dev.chorus.skills.builtin;

import static dev.chorus.skills.builtin.SkillsTestSupport.awaitMessage;
import static dev.chorus.skills.builtin.SkillsTestSupport.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The skills module on the real broker with the repository's ACL; nlu (publishes intents), dialogue (receives the
 * answers and notifications) and audio (receives setVolume) are fakes. The module tells the time by
 * {@link MutableClock}.
 */
@Timeout(180)
class SkillsModuleTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.withAcl("skills sub chorus/reply/skills/#");

    private final List<TestMqttClient.Received> dialogueInbox = new CopyOnWriteArrayList<>();
    private final List<TestMqttClient.Received> audioInbox = new CopyOnWriteArrayList<>();
    private FakeModule nlu;
    private FakeModule dialogue;
    private FakeModule audio;
    private ModuleHarness skills;

    @BeforeEach
    void start() {
        MutableClock.INSTANCE.set(Instant.parse("2026-12-01T15:10:00Z"));
        nlu = FakeModule.start(BROKER, "nlu");
        dialogue = FakeModule.start(BROKER, "dialogue")
                .on(Topics.DM_END_SESSION, dialogueInbox::add)
                .on(Topics.DM_START_SESSION, dialogueInbox::add);
        audio = FakeModule.start(BROKER, "audio").on(Topics.AUDIO_SET_VOLUME, audioInbox::add);
        skills = ModuleHarness.of("skills", BROKER).property("test.clock", "mutable");
    }

    @AfterEach
    void stop() {
        audio.close();
        dialogue.close();
        nlu.close();
    }

    @Test
    void getTimeAnswersTheSessionWithTheHour() {
        try (ApplicationContext ignored = skills.startConnected()) {
            nlu.publishJson(Topics.intent("GetTime"), intent("GetTime", "s1", "kitchen"));
            EndSession end = awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true);
            assertThat(end.sessionId()).isEqualTo("s1");
            // 15:10 UTC is 15:10 in London in December
            assertThat(end.text()).isEqualTo("In the afternoon, it is ten minutes past three.");
        }
    }

    @Test
    void aTimerRingsOnTheSiteThatSetIt() {
        try (ApplicationContext ignored = skills.startConnected()) {
            nlu.publishJson(Topics.intent("SetTimer"), intent("SetTimer", "s2", "bedroom", "seconds", 1));
            EndSession set = awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true);
            assertThat(set.text()).isEqualTo("Timer set for one second.");

            StartSession rang = awaitMessage(dialogueInbox, Topics.DM_START_SESSION, StartSession.class, s -> true);
            assertThat(rang.siteId()).isEqualTo("bedroom");
            assertThat(rang.init()).isEqualTo(new SessionInit.Notification("Your one second timer is done."));
        }
    }

    @Test
    void timersSurviveARestartOverdueOnesRingAtOnceOthersWait() throws Exception {
        try (ApplicationContext ctx = skills.startConnected()) {
            nlu.publishJson(Topics.intent("SetTimer"), intent("SetTimer", "s3", "hall", "minutes", 5));
            nlu.publishJson(Topics.intent("SetTimer"), intent("SetTimer", "s4", "attic", "hours", 2));
            awaitMessage(
                    dialogueInbox,
                    Topics.DM_END_SESSION,
                    EndSession.class,
                    e -> e.sessionId().equals("s4"));
            assertThat(ctx.getBean(Timers.class).list()).hasSize(2);
        }
        assertThat(Files.readString(skills.dataDir().resolve(Timers.FILE))).contains("hall", "attic");

        MutableClock.INSTANCE.advance(Duration.ofMinutes(6)); // the module was down while the 5 minutes passed
        try (ApplicationContext ctx = skills.startConnected()) {
            StartSession rang = awaitMessage(dialogueInbox, Topics.DM_START_SESSION, StartSession.class, s -> true);
            assertThat(rang.siteId()).isEqualTo("hall");
            assertThat(rang.init().text()).isEqualTo("Your five minute timer is done.");
            Timers timers = ctx.getBean(Timers.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> timers.list().size() == 1);
            assertThat(timers.list().get(0).siteId()).isEqualTo("attic");

            nlu.publishJson(Topics.intent("CancelTimer"), intent("CancelTimer", "s5", "attic"));
            EndSession cancelled = awaitMessage(
                    dialogueInbox,
                    Topics.DM_END_SESSION,
                    EndSession.class,
                    e -> e.sessionId().equals("s5"));
            assertThat(cancelled.text()).isEqualTo("Timer cancelled.");
            assertThat(timers.list()).isEmpty();
        }
        try (ApplicationContext ctx = skills.startConnected()) {
            assertThat(ctx.getBean(Timers.class).list())
                    .as("the cancel was persisted")
                    .isEmpty();
            nlu.publishJson(Topics.intent("CancelTimer"), intent("CancelTimer", "s6", "attic"));
            assertThat(awaitMessage(
                                    dialogueInbox,
                                    Topics.DM_END_SESSION,
                                    EndSession.class,
                                    e -> e.sessionId().equals("s6"))
                            .text())
                    .isEqualTo("There is no timer to cancel.");
        }
        assertThat(dialogueInbox.stream().filter(m -> m.topic().equals(Topics.DM_START_SESSION)))
                .as("only the overdue timer rang")
                .hasSize(1);
    }

    @Test
    void aDamagedTimersFileIsSetAsideAndTheModuleStarts() throws Exception {
        Files.createDirectories(skills.dataDir());
        Files.writeString(skills.dataDir().resolve(Timers.FILE), "{not json");
        try (ApplicationContext ctx = skills.startConnected()) {
            assertThat(ctx.getBean(Timers.class).list()).isEmpty();
            assertThat(skills.dataDir().resolve(Timers.FILE + ".bad")).exists();
            nlu.publishJson(Topics.intent("GetDate"), intent("GetDate", "s7", "default"));
            assertThat(awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true)
                            .text())
                    .isEqualTo("Today is Tuesday, the first of December.");
        }
    }

    @Test
    void setVolumeGoesToTheSiteOfTheIntent() {
        try (ApplicationContext ignored = skills.startConnected()) {
            nlu.publishJson(Topics.intent("SetVolume"), intent("SetVolume", "s8", "porch", "volume", 30));
            assertThat(awaitMessage(audioInbox, Topics.AUDIO_SET_VOLUME, SetVolume.class, v -> true))
                    .isEqualTo(new SetVolume(0.3, "porch"));
            assertThat(awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true)
                            .text())
                    .isEqualTo("Volume set to thirty percent.");
        }
    }
}
