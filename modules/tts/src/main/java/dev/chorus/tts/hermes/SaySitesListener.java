package dev.chorus.tts.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.TtsSaySites;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import dev.chorus.tts.SpeechRequest;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsException;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chorus/tts/say}: one text on several sites. The text is checked and split once ({@link
 * TextToSpeech.Utterance}, whose sentences are synthesized at most once), then queued as one {@link SayJob} per
 * site, all or none; every site plays the same audio under the same playBytes requestIds and ends with its own
 * {@code hermes/tts/sayFinished}. Sites speak side by side, each in its own turn behind the says it already has.
 *
 * <p>Refusals as for a Hermes say ({@link SayListener}): {@code hermes/error/tts} and {@code chorus/error/tts},
 * then a sayFinished for every site the request names (that can be read), so no client waits for one in vain.
 *
 * <p>At least once: the request is one journal entry ({@link SayJournal.Sites}) with each site's progress; after
 * a crash every site not finished resumes from its first unsent sentence.
 */
@Singleton
class SaySitesListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(SaySitesListener.class);

    private final TextToSpeech tts;
    private final SiteQueues queues;
    private final TtsReplies replies;
    private final JsonCodec codec;
    private final ModuleSettings module;
    private final Journal journal;

    SaySitesListener(
            final TextToSpeech tts,
            final SiteQueues queues,
            final TtsReplies replies,
            final JsonCodec codec,
            final ModuleSettings module,
            final SayJournal journal) {
        this.tts = tts;
        this.queues = queues;
        this.replies = replies;
        this.codec = codec;
        this.module = module;
        this.journal = journal.journal();
    }

    @Override
    public String topicFilter() {
        return Topics.TTS_SAY_SITES;
    }

    /** With the says and the site stops: one order for all that concerns a site. */
    @Override
    public String queue() {
        return SayListener.SAY_QUEUE;
    }

    @Override
    public void onMessage(final InboundMessage message) {
        accept(message, null);
    }

    /** A request the previous run journaled and did not finish (called by {@link SayListener} at start). */
    void resume(final Journal.Entry entry) {
        accept(InboundMessage.of(entry.topic(), entry.payload()), entry);
    }

    private void accept(final InboundMessage message, final Journal.Entry resumed) {
        final long receivedAt = System.nanoTime();
        final byte[] payload = message.payload();
        final SayFields fields = SayFields.read(codec.mapper().getFactory(), payload);
        final List<String> named = namedSites(payload);
        if (payload.length > module.maxMessageBytes()) {
            refuse(
                    message,
                    fields.id(),
                    fields.sessionId(),
                    named,
                    "invalid-request: payload too large: " + payload.length + " bytes, limit "
                            + module.maxMessageBytes() + " (CHORUS_MAX_MESSAGE_BYTES)",
                    resumed);
            return;
        }
        final TtsSaySites say;
        try {
            say = codec.decode(payload, TtsSaySites.class);
        } catch (DecodeException e) {
            refuse(
                    message,
                    fields.id(),
                    fields.sessionId(),
                    named,
                    (e.tree().isPresent() ? "invalid-request: " : "invalid-json: ") + e.getMessage(),
                    resumed);
            return;
        }
        final String id = say.id() != null ? say.id() : fields.id();
        final Optional<String> badSites = checkSites(say.siteIds());
        if (badSites.isPresent()) {
            refuse(message, id, say.sessionId(), named, "invalid-request: " + badSites.get(), resumed);
            return;
        }
        final Optional<ObjectNode> tree = codec.tryParseObject(payload);
        final String voice;
        final String preset;
        try {
            voice = SayListener.extra(tree, "voice");
            preset = SayListener.extra(tree, "preset");
        } catch (IllegalArgumentException e) {
            refuse(message, id, say.sessionId(), say.siteIds(), "invalid-request: " + e.getMessage(), resumed);
            return;
        }
        final String requestId = say.id() != null && SayListener.isTopicLevel(say.id())
                ? say.id()
                : UUID.randomUUID().toString();
        final TextToSpeech.Utterance utterance;
        try {
            utterance = tts.prepare(new SpeechRequest(say.text(), voice, say.lang(), preset, say.volume()));
        } catch (TtsException e) {
            refuse(message, id, say.sessionId(), say.siteIds(), e.code() + ": " + e.getMessage(), resumed);
            return;
        }
        SayJournal.Sites sites = null;
        if (resumed != null) {
            sites = SayJournal.Sites.of(resumed, say.siteIds());
        } else {
            try {
                final Optional<Journal.Entry> recorded =
                        journal.record(message.topic(), payload, SayJournal.Sites.startMark(say.siteIds()));
                if (recorded.isEmpty()) {
                    return; // delivered again after a crash; the journal's copy is being spoken
                }
                sites = SayJournal.Sites.of(recorded.get(), say.siteIds());
            } catch (UncheckedIOException e) {
                LOG.warn("say on {} not journaled, a crash would lose it: {}", say.siteIds(), e.getMessage());
            }
        }
        final Map<String, SayJournal.Progress> left = sites == null ? null : sites.left();
        final List<SayJob> jobs = new ArrayList<>();
        for (final String site : say.siteIds()) {
            if (left != null && !left.containsKey(site)) {
                continue; // finished before the crash: its sayFinished is out
            }
            jobs.add(new SayJob(
                    site,
                    say.id(),
                    requestId,
                    say.sessionId(),
                    utterance,
                    payload,
                    receivedAt,
                    sites == null ? null : sites.site(site),
                    left == null ? SayJournal.Progress.START : left.get(site)));
        }
        if (resumed != null) {
            LOG.info("resuming a say on {} interrupted by a crash: {}", say.siteIds(), left);
        }
        if (jobs.isEmpty()) {
            sites.completeAll();
            return;
        }
        if (!queues.offerAll(jobs)) {
            if (sites != null) {
                sites.completeAll();
            }
            refuse(
                    message,
                    id,
                    say.sessionId(),
                    jobs.stream().map(SayJob::siteId).toList(),
                    "queue-full: " + queues.capacity() + " says (one per site) are already waiting or being"
                            + " spoken (" + SayServiceSettings.QUEUE + "); this one, on " + jobs.size()
                            + " sites, is refused, try again later",
                    null);
        }
    }

    /** Empty when every site is a topic level and none is named twice; else what is wrong. */
    private static Optional<String> checkSites(final List<String> siteIds) {
        if (siteIds.isEmpty()) {
            return Optional.of("siteIds: name at least one site");
        }
        final Set<String> seen = new LinkedHashSet<>();
        for (final String site : siteIds) {
            if (!SayListener.isTopicLevel(site)) {
                return Optional.of("siteIds: \"" + site + "\" cannot be a topic level (empty, or contains / + #)");
            }
            if (!seen.add(site)) {
                return Optional.of("siteIds: " + site + " is named twice");
            }
        }
        return Optional.empty();
    }

    /** The sites a payload names, read leniently (for the sayFinished of a refused request): valid, once each. */
    private List<String> namedSites(final byte[] payload) {
        final JsonNode list =
                codec.tryParseObject(payload).map(t -> t.get("siteIds")).orElse(null);
        final Set<String> sites = new LinkedHashSet<>();
        if (list != null && list.isArray()) {
            for (final JsonNode site : list) {
                if (site.isTextual() && SayListener.isTopicLevel(site.asText())) {
                    sites.add(site.asText());
                }
            }
        }
        return List.copyOf(sites);
    }

    /** Error, then a sayFinished per named site; a resumed request that is refused now is over. */
    private void refuse(
            final InboundMessage message,
            final String id,
            final String sessionId,
            final List<String> sites,
            final String error,
            final Journal.Entry resumed) {
        final String siteId = sites.isEmpty() ? Hermes.DEFAULT_SITE_ID : sites.get(0);
        replies.error(message.topic(), message.payload(), siteId, id, sessionId, error);
        for (final String site : sites) {
            replies.sayFinished(site, id, sessionId);
        }
        if (resumed != null) {
            resumed.complete();
        }
    }
}
