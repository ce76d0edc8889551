package dev.chorus.tts.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import dev.chorus.tts.SpeechRequest;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
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
 *
 * <p>At least once: an accepted say is written to the {@link SayJournal} before it is queued, which
 * acknowledges it to the broker; a say the module crashed on is spoken again at the next start from its
 * first unsent sentence and always ends with its sayFinished.
 */
@Singleton
class SayListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(SayListener.class);

    private final TextToSpeech tts;
    private final SiteQueues queues;
    private final TtsReplies replies;
    private final JsonCodec codec;
    private final ModuleSettings module;
    private final Journal journal;
    private final SaySitesListener sitesListener;

    SayListener(
            final TextToSpeech tts,
            final SiteQueues queues,
            final TtsReplies replies,
            final JsonCodec codec,
            final ModuleSettings module,
            final SayJournal journal,
            final SaySitesListener sitesListener) {
        this.tts = tts;
        this.sitesListener = sitesListener;
        this.queues = queues;
        this.replies = replies;
        this.codec = codec;
        this.module = module;
        this.journal = journal.journal();
    }

    @Override
    public String topicFilter() {
        return Topics.TTS_SAY;
    }

    /** With the site stops: a say, then a stop of its site, are handled in that order. */
    @Override
    public String queue() {
        return SAY_QUEUE;
    }

    static final String SAY_QUEUE = "say";

    /**
     * The says a crash interrupted, from where they were (before any new say: MQTT connects after start-up), the
     * ones of {@code chorus/tts/say} included.
     */
    @PostConstruct
    void resumeUnfinished() {
        for (final Journal.Entry entry : journal.takeUnfinished()) {
            if (entry.topic().equals(Topics.TTS_SAY_SITES)) {
                sitesListener.resume(entry); // one journal for both say topics, taken once: in arrival order
                continue;
            }
            final SayJournal.Progress from = SayJournal.Progress.parse(entry.progress());
            LOG.info("resuming a say interrupted by a crash, from sentence {}", from.sentence());
            accept(InboundMessage.of(entry.topic(), entry.payload()), entry, from);
        }
    }

    @Override
    public void onMessage(final InboundMessage message) {
        accept(message, null, SayJournal.Progress.START);
    }

    /**
     * Checks and queues a say; a new one ({@code resumed == null}) is journaled just before it is queued,
     * which releases its MQTT ack.
     */
    private void accept(final InboundMessage message, final Journal.Entry resumed, final SayJournal.Progress from) {
        final long receivedAt = System.nanoTime();
        final byte[] payload = message.payload();
        final SayFields fields = SayFields.read(codec.mapper().getFactory(), payload);
        if (payload.length > module.maxMessageBytes()) {
            refuse(
                    message,
                    fields,
                    "invalid-request: payload too large: " + payload.length + " bytes, limit "
                            + module.maxMessageBytes() + " (CHORUS_MAX_MESSAGE_BYTES)");
            completeResumed(resumed);
            return;
        }
        final TtsSay say;
        try {
            say = codec.decode(payload, TtsSay.class);
        } catch (DecodeException e) {
            refuse(message, fields, (e.tree().isPresent() ? "invalid-request: " : "invalid-json: ") + e.getMessage());
            completeResumed(resumed);
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
            completeResumed(resumed);
            return;
        }
        if (!isTopicLevel(say.siteId())) {
            refuse(
                    message,
                    keys,
                    "invalid-request: siteId \"" + say.siteId()
                            + "\" cannot be a topic level (empty, or contains / + #)");
            completeResumed(resumed);
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
            completeResumed(resumed);
            return;
        }
        final Journal.Entry entry;
        if (resumed != null) {
            entry = resumed;
        } else {
            final Optional<Journal.Entry> recorded;
            try {
                recorded = journal.record(message);
            } catch (UncheckedIOException e) {
                LOG.warn("say not journaled, a crash would lose it: {}", e.getMessage());
                entry = null;
                offer(message, keys, say, requestId, utterance, payload, receivedAt, null, from);
                return;
            }
            if (recorded.isEmpty()) {
                return; // delivered again after a crash; the journal's copy is being spoken
            }
            entry = recorded.get();
        }
        offer(message, keys, say, requestId, utterance, payload, receivedAt, entry, from);
    }

    private void offer(
            final InboundMessage message,
            final SayFields keys,
            final TtsSay say,
            final String requestId,
            final TextToSpeech.Utterance utterance,
            final byte[] payload,
            final long receivedAt,
            final Journal.Entry entry,
            final SayJournal.Progress from) {
        final SayJob job = new SayJob(
                say.siteId(),
                say.id(),
                requestId,
                say.sessionId(),
                utterance,
                payload,
                receivedAt,
                entry == null ? null : SayJournal.Tracking.of(entry),
                from);
        if (!queues.offer(job)) {
            if (entry != null) {
                entry.complete();
            }
            refuse(
                    message,
                    keys,
                    "queue-full: " + queues.capacity() + " says are already waiting or being spoken ("
                            + SayServiceSettings.QUEUE + "); this one is refused, try again later");
        }
    }

    /** A resumed say that is refused now (the engine's files changed): it is over. */
    private static void completeResumed(final Journal.Entry resumed) {
        if (resumed != null) {
            resumed.complete();
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
    static String extra(final Optional<ObjectNode> tree, final String key) {
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

    static boolean isTopicLevel(final String value) {
        return value != null
                && !value.isEmpty()
                && value.indexOf('/') < 0
                && value.indexOf('+') < 0
                && value.indexOf('#') < 0
                && value.indexOf('\0') < 0;
    }
}
