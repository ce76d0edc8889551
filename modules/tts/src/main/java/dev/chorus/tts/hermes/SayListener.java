package dev.chorus.tts.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * {@code hermes/tts/say}: checks the request, splits the text, and queues it for its site;
 * returns at once (the runtime calls it for every site on one serial queue). The steps it shares with
 * {@code chorus/tts/say} are {@link SayIntake}'s.
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

    private final SayIntake intake;
    private final TtsReplies replies;
    private final SaySitesListener sitesListener;

    SayListener(final SayIntake intake, final TtsReplies replies, final SaySitesListener sitesListener) {
        this.intake = intake;
        this.replies = replies;
        this.sitesListener = sitesListener;
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
        for (final Journal.Entry entry : intake.unfinished()) {
            if (entry.topic().equals(Topics.TTS_SAY_SITES)) {
                sitesListener.resume(entry); // one journal for both say topics, taken once: in arrival order
            } else {
                accept(InboundMessage.of(entry.topic(), entry.payload()), entry);
            }
        }
    }

    @Override
    public void onMessage(final InboundMessage message) {
        accept(message, null);
    }

    /**
     * Checks and queues a say; a new one ({@code resumed == null}) is journaled just before it is queued,
     * which releases its MQTT ack.
     */
    private void accept(final InboundMessage message, @Nullable final Journal.Entry resumed) {
        final long receivedAt = System.nanoTime();
        final SayFields fields = intake.fields(message.payload());
        final TtsSay say;
        try {
            say = intake.decode(message.payload(), TtsSay.class);
        } catch (SayIntake.Refusal e) {
            refuse(message, fields, e.getMessage(), resumed);
            return;
        }
        final SayFields keys =
                new SayFields(true, say.id() != null ? say.id() : fields.id(), say.siteId(), say.sessionId());
        if (!SayIntake.isTopicLevel(say.siteId())) {
            refuse(
                    message,
                    keys,
                    "invalid-request: siteId \"" + say.siteId()
                            + "\" cannot be a topic level (empty, or contains / + #)",
                    resumed);
            return;
        }
        final PreparedSay prepared;
        try {
            prepared = intake.prepare(message, receivedAt, say);
        } catch (SayIntake.Refusal e) {
            refuse(message, keys, e.getMessage(), resumed);
            return;
        }
        final List<String> site = List.of(say.siteId());
        final Optional<SayJournal.Sites> journaled = intake.journal(message, resumed, site);
        if (journaled.isEmpty()) {
            return; // delivered again after a crash; the journal's copy is being spoken
        }
        if (!intake.offer(SayJob.forSites(prepared, site, journaled.get()), journaled.get())) {
            refuse(
                    message,
                    keys,
                    "queue-full: " + intake.capacity() + " says are already waiting or being spoken ("
                            + SayServiceSettings.QUEUE + "); this one is refused, try again later",
                    null);
        }
    }

    /**
     * Error, then sayFinished when there is something to correlate it with; a resumed say that is refused now
     * (the engine's files changed) is over.
     */
    private void refuse(
            final InboundMessage message,
            final SayFields keys,
            final String error,
            @Nullable final Journal.Entry resumed) {
        final String siteId = keys.siteId() == null ? Hermes.DEFAULT_SITE_ID : keys.siteId();
        replies.error(message.topic(), message.payload(), siteId, keys.id(), keys.sessionId(), error);
        if (keys.object()) {
            replies.sayFinished(siteId, keys.id(), keys.sessionId());
        }
        if (resumed != null) {
            resumed.complete();
        }
    }
}
