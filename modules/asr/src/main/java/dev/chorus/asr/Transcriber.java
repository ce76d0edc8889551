package dev.chorus.asr;

import dev.chorus.asr.decode.DecoderPool;
import dev.chorus.asr.decode.Grammars;
import dev.chorus.asr.decode.SphinxRecognizer;
import dev.chorus.asr.decode.Transcript;
import dev.chorus.asr.listen.ListeningSession;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.NluGrammar;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Decodes a session's audio on a decoder of the {@link DecoderPool} while it is recorded, and answers it with
 * {@code textCaptured} (and {@code audioCaptured} when asked). Every session gets exactly one
 * {@code textCaptured}: empty when nobody spoke, or when the decoder failed.
 */
@Singleton
public class Transcriber {

    private final DecoderPool pool;
    private final Grammars grammars;
    private final AsrReplies replies;

    public Transcriber(DecoderPool pool, Grammars grammars, AsrReplies replies) {
        this.pool = pool;
        this.grammars = grammars;
        this.replies = replies;
    }

    /** Whether a grammar has arrived; without one, listening is pointless. */
    public boolean trained() {
        return grammars.current().isPresent();
    }

    /**
     * Queues the session's decoding (it starts once a decoder is free, and catches up on what was recorded
     * meanwhile). False when the queue is full or no grammar is known: the caller answers the session.
     */
    public boolean begin(ListeningSession session) {
        Optional<NluGrammar> grammar = grammars.current();
        if (grammar.isEmpty()) {
            return false;
        }
        return pool.submit(new DecoderPool.Job() {
            @Override
            public void run(SphinxRecognizer recognizer) {
                if (!session.answered()) { // nobody spoke while it waited for a decoder: nothing to decode
                    answer(session, decode(recognizer, grammar.get(), session));
                }
            }

            @Override
            public void failed(Exception cause) {
                AsrStartListening request = session.request();
                replies.error(request.siteId(), request.sessionId(), "the speech model could not be loaded: " + cause);
                answer(session, Transcript.empty());
            }
        });
    }

    /**
     * The session's recording has ended: with {@code decode}, its decoder finishes and answers; without (nobody
     * spoke), it is answered empty now.
     */
    public void end(ListeningSession session, boolean decode) {
        if (!decode) {
            answer(session, Transcript.empty());
        }
    }

    private Transcript decode(SphinxRecognizer recognizer, NluGrammar grammar, ListeningSession session) {
        AsrStartListening request = session.request();
        try {
            Grammars.Compiled compiled = grammars.compile(
                    grammar,
                    request.intentFilter(),
                    recognizer::unknownWords,
                    unknown -> replies.error(
                            request.siteId(),
                            request.sessionId(),
                            "grammar " + grammar.id() + ": not in the pronunciation dictionary, left out of the"
                                    + " recognition grammar: " + String.join(", ", unknown)));
            recognizer.useGrammar(compiled.key(), compiled.jsgf());
            return recognizer.decode(session.audio());
        } catch (Exception e) {
            replies.error(request.siteId(), request.sessionId(), "recognition failed: " + e);
            return Transcript.empty();
        }
    }

    private void answer(ListeningSession session, Transcript transcript) {
        if (!session.claimAnswer()) {
            return; // answered already (nobody spoke: empty at once, the decoder's result is dropped)
        }
        replies.textCaptured(session.request(), transcript);
        if (session.request().sendAudioCaptured()) {
            replies.audioCaptured(session.request(), session.samples());
        }
    }
}
