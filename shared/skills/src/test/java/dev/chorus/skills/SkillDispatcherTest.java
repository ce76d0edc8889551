package dev.chorus.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatcher in a module context on the real broker: nlu and dialogue are fakes, the skills are the test
 * sources' {@code @Skill} beans (example package).
 */
@Timeout(120)
class SkillDispatcherTest {

    private static final String MODULE = "skilltest";

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.withAcl(
            MODULE + " sub hermes/intent/+",
            MODULE + " pub hermes/dialogueManager/endSession",
            MODULE + " pub hermes/dialogueManager/continueSession",
            MODULE + " pub hermes/dialogueManager/startSession",
            MODULE + " pub rhasspy/audioServer/setVolume",
            "observer sub #");

    private final List<TestMqttClient.Received> toDialogue = new CopyOnWriteArrayList<>();
    private FakeModule nlu;
    private FakeModule dialogue;
    private TestMqttClient observer;
    private ApplicationContext module;

    @BeforeEach
    void start() {
        nlu = FakeModule.start(BROKER, "nlu");
        dialogue = FakeModule.start(BROKER, "dialogue");
        dialogue.on(Topics.DM_END_SESSION, toDialogue::add)
                .on(Topics.DM_CONTINUE_SESSION, toDialogue::add)
                .on(Topics.DM_START_SESSION, toDialogue::add);
        observer = TestMqttClient.connect(BROKER, "observer")
                .subscribe(Topics.error(MODULE), Topics.AUDIO_SET_VOLUME, Topics.INTENT_FILTER);
        module = ModuleHarness.of(MODULE, BROKER).startConnected();
    }

    @AfterEach
    void stop() {
        module.close();
        observer.close();
        dialogue.close();
        nlu.close();
    }

    @Test
    void answersTheSessionOfTheIntent() {
        nlu.publishJson(Topics.intent("RollDice"), intent("RollDice", "s1", "kitchen"));
        EndSession end = awaitOn(Topics.DM_END_SESSION, EndSession.class, "s1");
        assertThat(end.text()).matches("You rolled a [1-6]\\.");

        nlu.publishJson(Topics.intent("RollDice"), intentWithSides("s2", 1));
        ContinueSession more = awaitOn(Topics.DM_CONTINUE_SESSION, ContinueSession.class, "s2");
        assertThat(more.text()).isEqualTo("A die needs two sides at least. How many sides?");
        assertThat(more.intentFilter()).containsExactly("RollDice");
    }

    @Test
    void sideEffectsGoThroughTheContext() {
        nlu.publishJson(Topics.intent("Party"), intent("Party", "s3", "hall"));
        assertThat(awaitOn(Topics.DM_END_SESSION, EndSession.class, "s3").text())
                .isEqualTo("Let's go.");
        StartSession spoken = await().atMost(Duration.ofSeconds(30))
                .until(() -> decoded(Topics.DM_START_SESSION, StartSession.class), l -> !l.isEmpty())
                .get(0);
        assertThat(spoken.siteId()).isEqualTo("kitchen");
        assertThat(spoken.init()).isEqualTo(new SessionInit.Notification("Party in the house!"));
        assertThat(observer.await(Topics.AUDIO_SET_VOLUME).json(SetVolume.class))
                .isEqualTo(new SetVolume(1.0, "hall"));
    }

    @Test
    void aFailingSkillApologisesAndReportsAndTheModuleGoesOn() {
        nlu.publishJson(Topics.intent("Explode"), intent("Explode", "s4", "default"));
        assertThat(awaitOn(Topics.DM_END_SESSION, EndSession.class, "s4").text())
                .isEqualTo(SkillDispatcher.APOLOGY);
        ChorusError error = observer.await(Topics.error(MODULE)).json(ChorusError.class);
        assertThat(error.topic()).isEqualTo(Topics.intent("Explode"));
        assertThat(error.error())
                .contains("FailingSkill.explode (Explode) failed")
                .contains("boom");

        nlu.publishJson(Topics.intent("RollDice"), intent("RollDice", "s5", "default"));
        awaitOn(Topics.DM_END_SESSION, EndSession.class, "s5");
    }

    @Test
    void intentsWithoutSkillAreLeftAloneAndWithoutSessionAreSpoken() {
        nlu.publishJson(Topics.intent("GetWeather"), intent("GetWeather", "s6", "default"));
        nlu.publishJson(Topics.intent("RollDice"), intent("RollDice", null, "attic"));
        StartSession spoken = await().atMost(Duration.ofSeconds(30))
                .until(() -> decoded(Topics.DM_START_SESSION, StartSession.class), l -> !l.isEmpty())
                .get(0);
        assertThat(spoken.siteId()).isEqualTo("attic");
        assertThat(spoken.init().text()).startsWith("You rolled a");
        // the RollDice was dispatched after the GetWeather (one listener, arrival order): nothing for s6
        assertThat(toDialogue).noneMatch(m -> m.text().contains("\"s6\""));
    }

    private <T> T awaitOn(String topic, Class<T> type, String sessionId) {
        return await("a " + type.getSimpleName() + " for " + sessionId)
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> toDialogue.stream()
                                .filter(m -> m.topic().equals(topic) && m.text().contains("\"" + sessionId + "\""))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow()
                .json(type);
    }

    private <T> List<T> decoded(String topic, Class<T> type) {
        return toDialogue.stream()
                .filter(m -> m.topic().equals(topic))
                .map(m -> m.json(type))
                .toList();
    }

    static NluIntent intent(String name, String sessionId, String siteId) {
        return new NluIntent(
                "some words",
                new Intent(name, 1.0),
                siteId,
                null,
                List.of(),
                sessionId,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static NluIntent intentWithSides(String sessionId, int sides) {
        try {
            return JsonCodec.standalone().decode("""
                            {"input": "roll a one sided die", "intent": {"intentName": "RollDice", "confidenceScore": 1},
                             "sessionId": "%s",
                             "slots": [{"entity": "sides", "value": {"kind": "Number", "value": %d}}]}
                            """.formatted(sessionId, sides), NluIntent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
