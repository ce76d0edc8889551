package dev.chorus.skills.builtin.webhook;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import dev.chorus.skills.Answer;
import dev.chorus.skills.AnswerPublisher;
import dev.chorus.skills.IntentRequest;
import dev.chorus.skills.SkillDispatcher;
import dev.chorus.skills.builtin.SkillsSettings;
import dev.chorus.skills.builtin.SkillsSettingsLoader;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards intents to HTTP services (Home Assistant, Node-RED, n8n ...): each intent's Hermes JSON is POSTed to
 * every {@code CHORUS_WEBHOOK_URLS} at once; the first URL (in the configured order) that answers with
 * {@code {"speech": {"text": "..."}}} (Rhasspy's remote intent handling) gives the endSession text. Failures
 * (timeout, HTTP error, invalid answer) are reported on {@code chorus/error/skills}; if no URL gave a text the
 * session ends with {@link #APOLOGY}, so a session never waits for an answer that will not come.
 *
 * <p>Its own listener (the runtime runs each listener on its own serial executor): a slow webhook does not
 * hold up the built-in skills. A raw listener that decodes for itself and drops what it cannot decode: the
 * skills' {@link SkillDispatcher} gets the same message and reports it, once.
 */
@Singleton
public class WebhookForwarder implements MessageListener {

    static final String APOLOGY = "Sorry, the intent handler did not answer.";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookForwarder.class);

    private final SkillsSettings settings;
    private final Set<String> answeredBySkills;
    private final AnswerPublisher answers;
    private final WebhookClient client;
    private final JsonCodec codec;
    private final int maxMessageBytes;

    public WebhookForwarder(
            SkillsSettings settings,
            SkillDispatcher skills,
            AnswerPublisher answers,
            JsonCodec codec,
            ModuleSettings module) {
        this.settings = settings;
        this.codec = codec;
        this.maxMessageBytes = module.maxMessageBytes();
        this.answeredBySkills = skills.registry().intentNames();
        this.answers = answers;
        this.client = new WebhookClient(settings.webhookTimeout());
        settings.webhookIntents().ifPresent(names -> {
            for (String name : names) {
                if (answeredBySkills.contains(name)) {
                    // two handlers would answer one session
                    throw new ConfigException(
                            SkillsSettingsLoader.WEBHOOK_INTENTS,
                            name + " is answered by a built-in skill; list only other intents");
                }
            }
        });
        if (!settings.webhookUrls().isEmpty()) {
            LOG.info(
                    "forwarding {} to {}",
                    settings.webhookIntents().map(Object::toString).orElse("every intent without a skill"),
                    settings.webhookUrls());
        }
    }

    @Override
    public String topicFilter() {
        return Topics.INTENT_FILTER;
    }

    @Override
    public void onMessage(InboundMessage raw) {
        if (settings.webhookUrls().isEmpty() || raw.payload().length > maxMessageBytes) {
            return;
        }
        NluIntent message;
        try {
            message = codec.decode(raw.payload(), NluIntent.class);
        } catch (DecodeException | RuntimeException e) {
            return; // reported by the SkillDispatcher
        }
        String name = message.intent().intentName();
        if (!forwards(name)) {
            return;
        }
        List<CompletableFuture<WebhookClient.Result>> calls = new ArrayList<>();
        for (URI url : settings.webhookUrls()) {
            calls.add(client.post(url, raw.payload()));
        }
        String text = null;
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<WebhookClient.Result> call : calls) {
            WebhookClient.Result result = call.join();
            if (result.failure() != null) {
                failures.add(result.failure());
            } else if (text == null) {
                text = result.speech();
            }
        }
        IntentRequest request = IntentRequest.of(message);
        Answer answer = text != null ? Answer.end(text) : failures.isEmpty() ? Answer.silent() : Answer.end(APOLOGY);
        answers.publish(request, answer).join();
        if (!failures.isEmpty()) {
            throw new WebhookException(String.join("; ", failures));
        }
    }

    private boolean forwards(String intentName) {
        return settings.webhookIntents()
                .map(names -> names.contains(intentName))
                .orElse(!answeredBySkills.contains(intentName));
    }
}
