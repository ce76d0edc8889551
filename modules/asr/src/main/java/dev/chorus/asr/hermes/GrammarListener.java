package dev.chorus.asr.hermes;

import dev.chorus.asr.AsrReplies;
import dev.chorus.asr.AsrSettings;
import dev.chorus.asr.decode.Grammars;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.NluGrammar;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retained {@code chorus/nlu/grammar}: what the recogniser may hear. Read raw, not as a {@code JsonListener}:
 * a large grammar (slot lists) easily exceeds {@code CHORUS_MAX_MESSAGE_BYTES}; its own limit is
 * {@code CHORUS_ASR_MAX_GRAMMAR_BYTES}. An empty payload (retained message cleared) means not trained.
 */
@Singleton
public class GrammarListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(GrammarListener.class);

    private final Grammars grammars;
    private final ChorusMqtt mqtt;
    private final AsrReplies replies;
    private final AsrSettings settings;

    public GrammarListener(Grammars grammars, ChorusMqtt mqtt, AsrReplies replies, AsrSettings settings) {
        this.grammars = grammars;
        this.mqtt = mqtt;
        this.replies = replies;
        this.settings = settings;
    }

    @Override
    public String topicFilter() {
        return Topics.NLU_GRAMMAR;
    }

    @Override
    public void onMessage(InboundMessage message) {
        byte[] payload = message.payload();
        if (payload.length == 0) {
            if (grammars.set(null)) {
                LOG.info("grammar cleared: not trained");
            }
            return;
        }
        if (payload.length > settings.maxGrammarBytes()) {
            replies.rejected(
                    message.topic(),
                    payload,
                    Hermes.DEFAULT_SITE_ID,
                    null,
                    "grammar too large: " + payload.length + " bytes, limit " + settings.maxGrammarBytes()
                            + " (CHORUS_ASR_MAX_GRAMMAR_BYTES); keeping the previous one");
            return;
        }
        NluGrammar grammar;
        try {
            grammar = mqtt.codec().decode(payload, NluGrammar.class);
        } catch (DecodeException | RuntimeException e) {
            replies.rejected(
                    message.topic(),
                    payload,
                    Hermes.DEFAULT_SITE_ID,
                    null,
                    "bad grammar, keeping the previous one: " + e.getMessage());
            return;
        }
        if (grammars.set(grammar)) {
            LOG.info("grammar {}: {} intents", grammar.id(), grammar.intents().size());
        }
    }
}
