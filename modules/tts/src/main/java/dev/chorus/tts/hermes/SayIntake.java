package dev.chorus.tts.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSaySites;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.tts.SpeechRequest;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps a say takes on both say topics, {@code hermes/tts/say} ({@link SayListener}, one site) and
 * {@code chorus/tts/say} ({@link SaySitesListener}, several): the size limit and decoding, the Chorus keys and the
 * text checked and split once ({@link PreparedSay}), the journal, and its {@link SayJob}s into the {@link
 * SiteQueues}, all or none. The listeners keep what the topics do differently: the sites a say names, and who
 * gets a refused say's sayFinished. A step that refuses the say throws {@link Refusal}; the listener reports it
 * with the keys it has read so far.
 */
@Singleton
class SayIntake {

    private static final Logger LOG = LoggerFactory.getLogger(SayIntake.class);

    private final TextToSpeech tts;
    private final SiteQueues queues;
    private final JsonCodec codec;
    private final ModuleSettings module;
    private final SayJournal journal;

    SayIntake(
            final TextToSpeech tts,
            final SiteQueues queues,
            final JsonCodec codec,
            final ModuleSettings module,
            final SayJournal journal) {
        this.tts = tts;
        this.queues = queues;
        this.codec = codec;
        this.module = module;
        this.journal = journal;
    }

    /** Why a say is refused: the error to report ({@code code: detail}). */
    static final class Refusal extends Exception {
        Refusal(final String error) {
            super(error, null, false, false); // an answer to a client, not a fault: no stack trace
        }
    }

    /** The correlation keys of a say, read leniently: a say that does not decode still gets its replies. */
    SayFields fields(final byte[] payload) {
        return SayFields.read(codec.mapper().getFactory(), payload);
    }

    /** The payload as a JSON object, when it is one. */
    Optional<ObjectNode> object(final byte[] payload) {
        return codec.tryParseObject(payload);
    }

    /** The say within {@code CHORUS_MAX_MESSAGE_BYTES}, decoded. */
    <T> T decode(final byte[] payload, final Class<T> type) throws Refusal {
        if (payload.length > module.maxMessageBytes()) {
            throw new Refusal("invalid-request: payload too large: " + payload.length + " bytes, limit "
                    + module.maxMessageBytes() + " (CHORUS_MAX_MESSAGE_BYTES)");
        }
        try {
            return codec.decode(payload, type);
        } catch (DecodeException e) {
            throw new Refusal((e.tree().isPresent() ? "invalid-request: " : "invalid-json: ") + e.getMessage());
        }
    }

    PreparedSay prepare(final InboundMessage message, final long receivedAt, final TtsSay say) throws Refusal {
        return prepare(message, receivedAt, say.id(), say.sessionId(), say.text(), say.lang(), say.volume());
    }

    PreparedSay prepare(final InboundMessage message, final long receivedAt, final TtsSaySites say) throws Refusal {
        return prepare(message, receivedAt, say.id(), say.sessionId(), say.text(), say.lang(), say.volume());
    }

    /** The Chorus keys {@code voice} and {@code preset}, the playBytes requestId, the text checked and split. */
    private PreparedSay prepare(
            final InboundMessage message,
            final long receivedAt,
            @Nullable final String id,
            @Nullable final String sessionId,
            final String text,
            @Nullable final String lang,
            @Nullable final Double volume)
            throws Refusal {
        final Optional<ObjectNode> tree = object(message.payload());
        final String voice;
        final String preset;
        try {
            voice = extra(tree, "voice");
            preset = extra(tree, "preset");
        } catch (IllegalArgumentException e) {
            throw new Refusal("invalid-request: " + e.getMessage());
        }
        final String requestId =
                id != null && isTopicLevel(id) ? id : UUID.randomUUID().toString();
        if (id != null && !requestId.equals(id)) {
            LOG.info("say id \"{}\" cannot be a topic level; its playBytes use {}", id, requestId);
        }
        final TextToSpeech.Utterance utterance;
        try {
            utterance = tts.prepare(new SpeechRequest(text, voice, lang, preset, volume));
        } catch (TtsException e) {
            throw new Refusal(e.code() + ": " + e.getMessage());
        }
        return new PreparedSay(id, requestId, sessionId, utterance, message.payload(), receivedAt);
    }

    /** The says a crash interrupted, in arrival order (both topics: one journal), once. */
    List<Journal.Entry> unfinished() {
        return journal.journal().takeUnfinished();
    }

    /** See {@link SayJournal#sites}: empty for a say delivered again after a crash (drop it). */
    Optional<SayJournal.Sites> journal(
            final InboundMessage message, @Nullable final Journal.Entry resumed, final List<String> siteIds) {
        return journal.sites(message, resumed, siteIds);
    }

    /**
     * Queues the jobs of one say, all or none. No job (every site finished before a crash) ends its journal entry.
     *
     * @return false when the queue has no room for all of them (or the module is stopping): the journal entry is
     *     ended and the caller refuses the say
     */
    boolean offer(final List<SayJob> jobs, final SayJournal.Sites sites) {
        if (jobs.isEmpty()) {
            sites.completeAll();
            return true;
        }
        if (!queues.offerAll(jobs)) {
            sites.completeAll();
            return false;
        }
        return true;
    }

    /** {@link SiteQueues#capacity()}, for the queue-full error. */
    int capacity() {
        return queues.capacity();
    }

    /** An optional Chorus key: absent or null → null; a string → it; anything else is an error. */
    private static String extra(final Optional<ObjectNode> tree, final String key) {
        final JsonNode node = tree.map(t -> t.get(key)).orElse(null);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(key + ": must be a string or null, got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node);
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
