package dev.chorus.skills;

import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an {@link Answer} to the dialogue manager: {@code endSession} or {@code continueSession} with the intent's
 * sessionId. An intent outside a session cannot be answered that way: its text, if any, is spoken on its site by
 * a {@code startSession} notification.
 */
@Singleton
public class AnswerPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerPublisher.class);

    private final ChorusMqtt mqtt;

    public AnswerPublisher(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    public CompletableFuture<Void> publish(IntentRequest request, Answer answer) {
        String session = request.sessionId();
        if (session == null) {
            if (answer.text() == null) {
                return CompletableFuture.completedFuture(null);
            }
            LOG.debug("{} has no session: speaking the answer as a notification", request);
            return mqtt.publish(new StartSession(
                    new SessionInit.Notification(answer.text()),
                    request.siteId(),
                    null,
                    request.message().lang()));
        }
        if (answer instanceof Answer.Continue c) {
            return mqtt.publish(new ContinueSession(
                    session,
                    null,
                    c.text(),
                    c.intentFilter().isEmpty() ? null : c.intentFilter(),
                    c.sendIntentNotRecognized(),
                    null,
                    null));
        }
        return mqtt.publish(new EndSession(session, answer.text(), null));
    }
}
