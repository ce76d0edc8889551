package dev.chorus.dialogue;

import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.StartSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A {@link DialogueManager} on fake timers and a recording output, with the messages the other modules send. */
final class DialogueFixture {

    static final JsonCodec CODEC = JsonCodec.standalone();

    final FakeTimers timers = new FakeTimers();
    final RecordingOutput out = new RecordingOutput();
    final Deque<String> ids = new ArrayDeque<>();
    private int counter;
    final DialogueManager dm;

    DialogueFixture() {
        this(settings(false), FeedbackSounds.none());
    }

    DialogueFixture(DialogueSettings settings, FeedbackSounds sounds) {
        dm = new DialogueManager(settings, sounds, out, timers, () -> ids.isEmpty() ? "id" + ++counter : ids.poll());
    }

    static DialogueSettings settings(boolean bargeIn) {
        return settings(bargeIn, WakeGroups.NONE);
    }

    static DialogueSettings settings(boolean bargeIn, WakeGroups wakeGroups) {
        return settings(bargeIn, wakeGroups, WAKE_HOLD_OFF);
    }

    static DialogueSettings settings(boolean bargeIn, WakeGroups wakeGroups, Duration wakeHoldOff) {
        return new DialogueSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                15,
                true,
                bargeIn,
                false,
                Path.of("none"),
                wakeGroups,
                WAKE_WINDOW,
                wakeHoldOff);
    }

    static final Duration WAKE_WINDOW = Duration.ofMillis(300);
    static final Duration WAKE_HOLD_OFF = Duration.ofSeconds(1);

    // ---- what the other modules send ----

    void wake(String site, String wakeword) {
        wake(site, wakeword, null);
    }

    /** A detection with the wake module's score (null: a Rhasspy wake service, which sends none). */
    void wake(String site, String wakeword, Double score) {
        dm.hotwordDetected(
                wakeword, new HotwordDetected(wakeword, null, null, null, site, null, null, null, null, score));
    }

    void startAction(String site, String text, boolean canBeEnqueued, List<String> filter, boolean sendNotRecognized) {
        dm.startSession(new StartSession(
                new SessionInit.Action(canBeEnqueued, "action", text, filter, sendNotRecognized), site, "cd", null));
    }

    void notify(String site, String text) {
        dm.startSession(new StartSession(new SessionInit.Notification(text), site, null, null));
    }

    void text(String sessionId, String text) {
        dm.textCaptured(new AsrTextCaptured(text, 0.9, 1.2, null, sessionId, null, null, null));
    }

    void intent(String sessionId, String name) {
        dm.intent(new NluIntent(
                "x", new Intent(name, 1.0), null, null, List.of(), sessionId, null, null, null, null, null, null));
    }

    void notRecognized(String sessionId, String input) {
        dm.intentNotRecognized(new NluIntentNotRecognized(input, null, null, null, sessionId));
    }

    void end(String sessionId, String text) {
        dm.endSession(new EndSession(sessionId, text, null));
    }

    void continueWith(String sessionId, String text, List<String> filter) {
        dm.continueSession(new ContinueSession(sessionId, null, text, filter, false, null, null));
    }

    /** The sayFinished of the last say sent. */
    void sayFinished() {
        dm.sayFinished(lastSayId());
    }

    String lastSayId() {
        return out.lastSayId();
    }

    // ---- what the dialogue sent ----

    /** The topics sent since the last call, toggles with their reason ({@code hermes/asr/toggleOff ttsSay}). */
    List<String> steps() {
        return out.drain().stream()
                .map(s -> s.message() instanceof ReasonToggle t ? s.topic() + " " + t.reason() : s.topic())
                .toList();
    }

    static String vector(String name) {
        try (InputStream in = DialogueFixture.class.getResourceAsStream("/vectors/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no vector " + name, e);
        }
    }
}
