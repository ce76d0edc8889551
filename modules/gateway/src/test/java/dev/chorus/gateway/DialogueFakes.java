package dev.chorus.gateway;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.NluTemplates;
import dev.chorus.protocol.messages.NluTemplatesResult;
import dev.chorus.protocol.messages.NluTemplatesSet;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SessionQueued;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.Slot;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fakes of the nlu module (knows "turn on the kitchen light" as ChangeLightState with slot name=kitchen) and the
 * dialogue module (starts a session and ends it nominally; an action whose text is "busy" is queued), plus what the asr
 * and nlu would say during an action session, from a third client, so the gateway sees those in no particular order.
 */
final class DialogueFakes implements AutoCloseable {

    static final Map<String, String> BUILTIN =
            Map.of("sentences.ini", "[ChangeLightState]\nturn on the kitchen light\n", "slots/rooms", "kitchen\n");

    private final AtomicInteger sessions = new AtomicInteger();
    private volatile Map<String, String> templates = BUILTIN;
    private volatile boolean stored;
    private final FakeModule nlu;
    private final FakeModule dialogue;
    private final FakeModule others;

    DialogueFakes(InProcessBroker broker) {
        nlu = FakeModule.start(broker, "nlu");
        // templates: a stored set wins; "((" is the one error this fake knows, on its line
        nlu.on(
                Topics.NLU_TEMPLATES_GET,
                m -> nlu.publishJson(
                        m.responseTopic(),
                        new NluTemplates(templates, stored ? "data" : "builtin", "id-" + templates.hashCode())));
        nlu.on(Topics.NLU_TEMPLATES_SET, m -> {
            NluTemplatesSet set = m.json(NluTemplatesSet.class);
            String ini = set.files().getOrDefault("sentences.ini", "");
            List<String> lines = ini.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("((")) {
                    nlu.publishJson(
                            m.responseTopic(),
                            new NluTemplatesResult(
                                    false,
                                    null,
                                    List.of(new NluTemplatesResult.Problem("sentences.ini", i + 1, "unbalanced ("))));
                    return;
                }
            }
            templates = set.files().isEmpty() ? BUILTIN : Map.copyOf(set.files());
            stored = !set.files().isEmpty();
            nlu.publishJson(m.responseTopic(), new NluTemplatesResult(true, "id-" + templates.hashCode(), null));
        });
        nlu.on(Topics.NLU_QUERY, m -> {
            NluQuery q = m.json(NluQuery.class);
            boolean known = q.input().equals("turn on the kitchen light")
                    && (q.intentFilter() == null || q.intentFilter().contains("ChangeLightState"));
            if (known) {
                Slot room =
                        new Slot("rooms", Map.of("kind", "Unknown", "value", "kitchen"), "name", "kitchen", 1.0, null);
                nlu.publishJson(
                        Topics.NLU_INTENT_PARSED,
                        new NluIntentParsed(
                                q.input(),
                                new Intent("ChangeLightState", 1.0),
                                q.siteId(),
                                q.id(),
                                List.of(room),
                                null));
            } else {
                nlu.publishJson(
                        Topics.NLU_INTENT_NOT_RECOGNIZED,
                        new NluIntentNotRecognized(q.input(), q.siteId(), q.id(), null, null));
            }
        });
        dialogue = FakeModule.start(broker, "dialogue");
        dialogue.on(Topics.DM_START_SESSION, m -> {
            StartSession s = m.json(StartSession.class);
            String id = "s-" + sessions.incrementAndGet();
            if (s.init() instanceof SessionInit.Action a
                    && a.text() != null
                    && a.text().equals("busy")) {
                dialogue.publishJson(Topics.DM_SESSION_QUEUED, new SessionQueued(id, s.siteId(), s.customData()));
                return;
            }
            String data = s.init() instanceof SessionInit.Notification ? null : s.customData();
            dialogue.publishJson(Topics.DM_SESSION_STARTED, new SessionStarted(id, s.siteId(), data, null));
            dialogue.publishJson(
                    Topics.DM_SESSION_ENDED,
                    new SessionEnded(
                            new SessionEnded.Termination(SessionEnded.Termination.NOMINAL), id, s.siteId(), data));
        });
        // what the asr and nlu would say during an action session (the dialogue principal may not publish it)
        others = FakeModule.start(broker, "operator");
        others.on(Topics.DM_SESSION_STARTED, m -> {
            SessionStarted s = m.json(SessionStarted.class);
            if (s.customData() == null) {
                return; // a notification: nothing is heard
            }
            others.publishJson(
                    Topics.ASR_TEXT_CAPTURED,
                    new AsrTextCaptured(
                            "turn on the kitchen light", 1.0, 2.0, s.siteId(), s.sessionId(), null, null, null));
            others.publishJson(
                    Topics.intent("ChangeLightState"),
                    new NluIntent(
                            "turn on the kitchen light",
                            new Intent("ChangeLightState", 1.0),
                            s.siteId(),
                            null,
                            List.of(),
                            s.sessionId(),
                            s.customData(),
                            null,
                            null,
                            null,
                            null,
                            null));
        });
    }

    @Override
    public void close() {
        others.close();
        dialogue.close();
        nlu.close();
    }
}
