package dev.chorus.skills;

import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import io.micronaut.context.BeanContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes {@code hermes/intent/+} and hands each intent to the skill that answers it, then publishes the
 * answer for its session. An intent no skill answers is left alone (another handler may answer it). A skill
 * that throws gets its session ended with {@link #APOLOGY} and the failure reported on
 * {@code chorus/error/<module>} by the runtime; the module keeps running.
 */
@Singleton
public class SkillDispatcher implements JsonListener<NluIntent> {

    /** Spoken when a skill fails. */
    public static final String APOLOGY = "Sorry, something went wrong.";

    private static final Logger LOG = LoggerFactory.getLogger(SkillDispatcher.class);

    private final SkillRegistry registry;
    private final SkillContext context;
    private final AnswerPublisher answers;

    public SkillDispatcher(BeanContext beans, SkillContext context, AnswerPublisher answers) {
        List<Object> skills = new ArrayList<>();
        beans.getBeanDefinitions(Qualifiers.byStereotype(Skill.class))
                .forEach(definition -> skills.add(beans.getBean(definition)));
        this.registry = SkillRegistry.of(skills);
        this.context = context;
        this.answers = answers;
        LOG.info("skills for intents {}", new java.util.TreeSet<>(registry.intentNames()));
    }

    /** The intent names answered by a skill of this module. */
    public SkillRegistry registry() {
        return registry;
    }

    @Override
    public Class<NluIntent> messageType() {
        return NluIntent.class;
    }

    @Override
    public void onMessage(InboundMessage raw, NluIntent message) {
        Optional<SkillRegistry.Handler> handler = registry.find(message.intent().intentName());
        if (handler.isEmpty()) {
            return;
        }
        IntentRequest request = IntentRequest.of(message);
        Answer answer;
        try {
            answer = handler.get().answer(request, context);
        } catch (SkillException e) {
            answers.publish(request, Answer.end(APOLOGY));
            throw e;
        }
        LOG.debug("{} -> {}", request, answer);
        answers.publish(request, answer).join();
    }
}
