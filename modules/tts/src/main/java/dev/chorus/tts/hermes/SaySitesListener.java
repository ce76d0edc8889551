package dev.chorus.tts.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.TtsSaySites;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    private final SayIntake intake;
    private final TtsReplies replies;

    SaySitesListener(final SayIntake intake, final TtsReplies replies) {
        this.intake = intake;
        this.replies = replies;
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

    private void accept(final InboundMessage message, @Nullable final Journal.Entry resumed) {
        final long receivedAt = System.nanoTime();
        final SayFields fields = intake.fields(message.payload());
        final List<String> named = namedSites(message.payload());
        final TtsSaySites say;
        try {
            say = intake.decode(message.payload(), TtsSaySites.class);
        } catch (SayIntake.Refusal e) {
            refuse(message, fields.id(), fields.sessionId(), named, e.getMessage(), resumed);
            return;
        }
        final String id = say.id() != null ? say.id() : fields.id();
        final Optional<String> badSites = checkSites(say.siteIds());
        if (badSites.isPresent()) {
            refuse(message, id, say.sessionId(), named, "invalid-request: " + badSites.get(), resumed);
            return;
        }
        final PreparedSay prepared;
        try {
            prepared = intake.prepare(message, receivedAt, say);
        } catch (SayIntake.Refusal e) {
            refuse(message, id, say.sessionId(), say.siteIds(), e.getMessage(), resumed);
            return;
        }
        final Optional<SayJournal.Sites> sites = intake.journal(message, resumed, say.siteIds());
        if (sites.isEmpty()) {
            return; // delivered again after a crash; the journal's copy is being spoken
        }
        final List<SayJob> jobs = SayJob.forSites(prepared, say.siteIds(), sites.get());
        if (!intake.offer(jobs, sites.get())) {
            refuse(
                    message,
                    id,
                    say.sessionId(),
                    jobs.stream().map(SayJob::siteId).toList(),
                    "queue-full: " + intake.capacity() + " says (one per site) are already waiting or being"
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
            if (!SayIntake.isTopicLevel(site)) {
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
        final JsonNode list = intake.object(payload).map(t -> t.get("siteIds")).orElse(null);
        final Set<String> sites = new LinkedHashSet<>();
        if (list != null && list.isArray()) {
            for (final JsonNode site : list) {
                if (site.isTextual() && SayIntake.isTopicLevel(site.asText())) {
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
            @Nullable final Journal.Entry resumed) {
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
