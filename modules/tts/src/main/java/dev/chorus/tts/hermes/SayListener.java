package dev.chorus.tts.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import dev.chorus.tts.SpeechRequest;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsException;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hermes/tts/say}: checks the request, splits the text, and queues it for its site;
 * returns at once (the runtime calls it for every site on one serial queue).
 *
 * <p>A raw listener, not a {@code JsonListener}: a say that cannot be decoded (a wrong type, a
 * missing {@code text}) must still get its sayFinished whenever its {@code id} can be read,
 * and the runtime's own decode-error path has no way to send one. Every refused say gets
 * {@code hermes/error/tts} (context = its id) and {@code chorus/error/tts}, then sayFinished
 * when the payload was a JSON object.
 *
 * <p>Besides the Hermes keys, two optional Chorus keys are read: {@code voice} (a voice id from
 * voices.yml; wins over {@code lang}) and {@code preset} (a preset from presets.yml). Rhasspy
 * ignores unknown keys, so clients may always send them.
 */
@Singleton
class SayListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(SayListener.class);

    private final TextToSpeech tts;
    private final SiteQueues queues;
    private final TtsReplies replies;
    private final JsonCodec codec;
    private final ModuleSettings module;

    SayListener(
            final TextToSpeech tts,
            final SiteQueues queues,
            final TtsReplies replies,
            final JsonCodec codec,
            final ModuleSettings module) {
        this.tts = tts;
        this.queues = queues;
        this.replies = replies;
        this.codec = codec;
        this.module = module;
    }

    @Override
    public String topicFilter() {
        return Topics.TTS_SAY;
    }

    @Override
    public void onMessage(final InboundMessage message) {
        final long receivedAt = System.nanoTime();
        final byte[] payload = message.payload();
        final SayFields fields = SayFields.read(codec.mapper().getFactory(), payload);
        if (payload.length > module.maxMessageBytes()) {
            refuse(
                    message,
                    fields,
                    "invalid-request: payload too large: " + payload.length + " bytes, limit "
                            + module.maxMessageBytes() + " (CHORUS_MAX_MESSAGE_BYTES)");
            return;
        }
        final TtsSay say;
        try {
            say = codec.decode(payload, TtsSay.class);
        } catch (DecodeException e) {
            refuse(message, fields, (e.tree().isPresent() ? "invalid-request: " : "invalid-json: ") + e.getMessage());
            return;
        }
        final SayFields keys =
                new SayFields(true, say.id() != null ? say.id() : fields.id(), say.siteId(), say.sessionId());
        final Optional<ObjectNode> tree = codec.tryParseObject(payload);
        final String voice;
        final String preset;
        try {
            voice = extra(tree, "voice");
            preset = extra(tree, "preset");
        } catch (IllegalArgumentException e) {
            refuse(message, keys, "invalid-request: " + e.getMessage());
            return;
        }
        if (!isTopicLevel(say.siteId())) {
            refuse(
                    message,
                    keys,
                    "invalid-request: siteId \"" + say.siteId()
                            + "\" cannot be a topic level (empty, or contains / + #)");
            return;
        }
        final String requestId = say.id() != null && isTopicLevel(say.id())
                ? say.id()
                : UUID.randomUUID().toString();
        if (say.id() != null && !requestId.equals(say.id())) {
            LOG.info("say id \"{}\" cannot be a topic level; its playBytes use {}", say.id(), requestId);
        }
        final TextToSpeech.Utterance utterance;
        try {
            utterance = tts.prepare(new SpeechRequest(say.text(), voice, say.lang(), preset, say.volume()));
        } catch (TtsException e) {
            refuse(message, keys, e.code() + ": " + e.getMessage());
            return;
        }
        final SayJob job =
                new SayJob(say.siteId(), say.id(), requestId, say.sessionId(), utterance, payload, receivedAt);
        if (!queues.offer(job)) {
            refuse(
                    message,
                    keys,
                    "queue-full: " + queues.capacity() + " says are already waiting or being spoken ("
                            + SayServiceSettings.QUEUE + "); this one is refused, try again later");
        }
    }

    /** Error, then sayFinished when there is something to correlate it with. */
    private void refuse(final InboundMessage message, final SayFields keys, final String error) {
        final String siteId = keys.siteId() == null ? Hermes.DEFAULT_SITE_ID : keys.siteId();
        replies.error(message.topic(), message.payload(), siteId, keys.id(), keys.sessionId(), error);
        if (keys.object()) {
            replies.sayFinished(siteId, keys.id(), keys.sessionId());
        }
    }

    /** An optional Chorus key: absent or null → null; a string → it; anything else is an error. */
    private static String extra(final Optional<ObjectNode> tree, final String key) {
        final JsonNode node = tree.map(t -> t.get(key)).orElse(null);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(key + ": must be a string or null, got "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + node);
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private static boolean isTopicLevel(final String value) {
        return value != null
                && !value.isEmpty()
                && value.indexOf('/') < 0
                && value.indexOf('+') < 0
                && value.indexOf('#') < 0
                && value.indexOf('\0') < 0;
    }
}
