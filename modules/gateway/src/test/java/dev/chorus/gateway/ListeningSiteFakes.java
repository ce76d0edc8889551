package dev.chorus.gateway;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A site that listens, for push-to-talk: the dialogue manager (startSession → sessionStarted → startListening; after
 * the text is captured it plays an answer and, once played, ends the session nominally) and an asr that keeps a site's
 * audioFrames from the first loud one until 10 frames of digital silence (the end the gateway appends), then "hears"
 * {@link #HEARD}. Works with {@link FakeAudioServer}, which answers the answer's playBytes.
 */
final class ListeningSiteFakes implements AutoCloseable {

    static final String HEARD = "turn on the kitchen light";

    /** The answer the site plays: 0.5 s of a quiet tone. */
    static final byte[] ANSWER = tone();

    private final FakeModule dialogue;
    private final FakeModule asr;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, String> sessionOfSite = new ConcurrentHashMap<>();
    private final Map<String, Capture> captures = new ConcurrentHashMap<>();
    private final Map<String, byte[]> captured = new ConcurrentHashMap<>();

    private static final class Capture {
        final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        boolean loud;
        int silentFrames;
    }

    ListeningSiteFakes(InProcessBroker broker) {
        dialogue = FakeModule.start(broker, "dialogue");
        asr = FakeModule.start(broker, "operator");
        dialogue.on(Topics.DM_START_SESSION, m -> {
            StartSession s = m.json(StartSession.class);
            String id = "ptt-" + ids.incrementAndGet();
            sessionOfSite.put(s.siteId(), id);
            dialogue.publishJson(Topics.DM_SESSION_STARTED, new SessionStarted(id, s.siteId(), s.customData(), null));
            dialogue.publishJson(
                    Topics.ASR_START_LISTENING, new AsrStartListening(s.siteId(), id, null, true, false, null, null));
        });
        dialogue.on(Topics.ASR_TEXT_CAPTURED, m -> {
            AsrTextCaptured t = m.json(AsrTextCaptured.class);
            dialogue.publish(Topics.playBytes(t.siteId(), "answer-" + t.sessionId()), ANSWER);
        });
        dialogue.on(Topics.PLAY_FINISHED_FILTER, m -> {
            String site = Topics.PLAY_FINISHED.extract(m.topic(), "siteId").orElseThrow();
            String session = sessionOfSite.remove(site);
            if (session != null) {
                dialogue.publishJson(
                        Topics.DM_SESSION_ENDED,
                        new SessionEnded(
                                new SessionEnded.Termination(SessionEnded.Termination.NOMINAL), session, site, null));
            }
        });
        asr.on(Topics.ASR_START_LISTENING, m -> {
            AsrStartListening l = m.json(AsrStartListening.class);
            captures.put(l.siteId(), new Capture());
        });
        asr.on(Topics.AUDIO_FRAME_FILTER, m -> {
            String site = Topics.AUDIO_FRAME.extract(m.topic(), "siteId").orElseThrow();
            Capture c = captures.get(site);
            if (c != null && take(c, m.payload())) {
                captures.remove(site);
                captured.put(site, c.pcm.toByteArray());
                String session = sessionOfSite.get(site);
                asr.publishJson(
                        Topics.ASR_TEXT_CAPTURED,
                        new AsrTextCaptured(HEARD, 1.0, 0.1, site, session, null, null, null));
                asr.publishJson(
                        Topics.intent("ChangeLightState"),
                        new NluIntent(
                                HEARD,
                                new Intent("ChangeLightState", 1.0),
                                site,
                                null,
                                List.of(),
                                session,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
            }
        });
    }

    /** Adds a frame; true once the utterance has ended (10 silent frames after a loud one). */
    private static boolean take(Capture c, byte[] frame) {
        byte[] samples;
        try {
            samples = Wav.parse(frame).samples();
        } catch (InvalidAudioException e) {
            throw new AssertionError("the gateway sent a frame that is not a WAV", e);
        }
        boolean silent = true;
        for (int i = 0; i + 1 < samples.length; i += 2) {
            int x = (short) ((samples[i] & 0xff) | (samples[i + 1] << 8));
            c.loud |= Math.abs(x) > 1000;
            silent &= x == 0;
        }
        if (c.loud) {
            c.pcm.writeBytes(samples);
            c.silentFrames = silent ? c.silentFrames + 1 : 0;
        }
        return c.silentFrames >= 10;
    }

    /** The 16 kHz mono samples the asr kept for the site's last utterance (from its first loud frame). */
    byte[] captured(String siteId) {
        return captured.get(siteId);
    }

    private static byte[] tone() {
        byte[] pcm = new byte[16000];
        for (int i = 0; i < pcm.length / 2; i++) {
            short x = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
            pcm[2 * i] = (byte) x;
            pcm[2 * i + 1] = (byte) (x >> 8);
        }
        return Wav.write(PcmFormat.mono16(16000), pcm);
    }

    @Override
    public void close() {
        dialogue.close();
        asr.close();
    }
}
