package dev.chorus.gateway.hermes;

import dev.chorus.gateway.GatewaySettings;
import dev.chorus.gateway.Problem;
import dev.chorus.gateway.Publishing;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Push-to-talk: a recording made elsewhere (the console's browser microphone) becomes a dialogue session on a site,
 * the gateway standing in for that site's microphone. It starts an action session and, once the dialogue manager has
 * asked the asr to listen for it, sends the recording as the site's {@code audioFrame}s followed by silence (so the
 * asr's voice activity detector hears the end, as with a real microphone), then waits for the session to end. What the
 * site played meanwhile (the feedback sounds, the answer) is kept as one WAV for the browser to play.
 */
@Singleton
public class ListenService {

    /** Samples per audioFrame, as the mic module and Rhasspy's microphones send them (64 ms at 16 kHz). */
    static final int FRAME_SAMPLES = 1024;

    /** More than the asr's end-of-speech wait (CHORUS_ASR_SILENCE, 600 ms by default) with room to spare. */
    static final Duration TRAILING_SILENCE = Duration.ofMillis(1500);

    /** Frames go out at this many times real time: the asr decodes as audio comes, a burst could outrun it. */
    static final int SPEED = 4;

    /** The longest recording accepted: longer than any command, short of the asr's maximum session. */
    public static final Duration MAX_RECORDING = Duration.ofSeconds(30);

    /** How long the gateway waits for the session to end once the recording is sent (its answer is spoken). */
    static final Duration SESSION_WAIT = Duration.ofMinutes(2);

    /** Answer recordings kept for GET, the newest. */
    public static final int KEPT = 20;

    /** The session as it ended, and the path of what the site played during it (null when nothing was played). */
    public record Heard(SessionBoard.Session session, String audio) {}

    private final ChorusMqtt mqtt;
    private final SessionBoard sessions;
    private final GatewaySettings settings;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "listen-frames");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> busySites = ConcurrentHashMap.newKeySet();
    /** startListening per session, whichever of the request and the message comes first; bounded. */
    private final Map<String, CompletableFuture<AsrStartListening>> listening = bounded(64);
    /** What each site in a push-to-talk session plays, by site. */
    private final Map<String, List<byte[]>> played = new ConcurrentHashMap<>();

    private final Map<String, byte[]> answers = bounded(KEPT);

    ListenService(ChorusMqtt mqtt, SessionBoard sessions, GatewaySettings settings) {
        this.mqtt = mqtt;
        this.sessions = sessions;
        this.settings = settings;
    }

    /**
     * Runs a push-to-talk session on {@code siteId} with {@code wav} as what the user said.
     *
     * @throws Problem 415 for audio that is not a PCM WAV, 422 for a recording too long or empty, 409 while the site
     *     has a push-to-talk session already, 504 when the dialogue or the asr does not take it up
     */
    public Heard listen(String siteId, byte[] wav) {
        byte[] pcm = toFrameAudio(wav);
        Publishing.requireBroker(mqtt);
        if (!busySites.add(siteId)) {
            throw new Problem(
                    HttpStatus.CONFLICT, "Site busy", "site " + siteId + " is already listening to a recording");
        }
        try {
            played.put(siteId, Collections.synchronizedList(new ArrayList<>()));
            // an action that cannot wait in the queue: pressing the button interrupts what the site was doing,
            // as its wake word would
            SessionBoard.Session started =
                    sessions.start(siteId, new SessionInit.Action(false, SessionInit.ACTION, null, null, false));
            String sessionId = started.sessionId();
            CompletableFuture<SessionBoard.Session> ended = sessions.whenEnded(siteId, sessionId);
            try {
                Awaiting.within(
                        listeningFor(sessionId), settings.requestTimeout(), "the dialogue module (startListening)");
                Awaiting.within(
                        sendFrames(siteId, pcm), settings.requestTimeout().plus(duration(pcm)), "the broker");
                SessionBoard.Session session =
                        Awaiting.within(ended, SESSION_WAIT, "the dialogue module (sessionEnded)");
                return new Heard(session, keepAnswer(sessionId, played.remove(siteId)));
            } finally {
                sessions.forget(sessionId);
                listening.remove(sessionId);
            }
        } finally {
            played.remove(siteId);
            busySites.remove(siteId);
        }
    }

    /** What the site played during push-to-talk session {@code sessionId}, as one WAV. */
    public Optional<byte[]> answer(String sessionId) {
        return Optional.ofNullable(answers.get(sessionId));
    }

    /** 16 kHz mono 16-bit samples of {@code wav}, refused with a problem the caller can act on. */
    private static byte[] toFrameAudio(byte[] wav) {
        Wav.Audio audio;
        try {
            audio = Wav.parse(wav);
        } catch (InvalidAudioException e) {
            throw new Problem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported audio",
                    "the body must be a PCM WAV (audio/wav): " + e.getMessage());
        }
        if (audio.duration().compareTo(MAX_RECORDING) > 0) {
            throw Problem.invalid(
                    "body",
                    "a recording of " + audio.duration().toMillis() + " ms is longer than " + MAX_RECORDING.toSeconds()
                            + " s");
        }
        if (audio.frames() == 0) {
            throw Problem.invalid("body", "the recording is empty");
        }
        return PcmConverter.toTarget(audio.format(), audio.samples());
    }

    private CompletableFuture<AsrStartListening> listeningFor(String sessionId) {
        return listening.computeIfAbsent(sessionId, k -> new CompletableFuture<>());
    }

    /** The recording and then silence, frame by frame at {@link #SPEED} times real time. */
    private CompletableFuture<Void> sendFrames(String siteId, byte[] pcm) {
        int frameBytes = FRAME_SAMPLES * 2;
        int silenceFrames = (int) Math.ceil(TRAILING_SILENCE.toMillis() * 16.0 / FRAME_SAMPLES);
        int frames = (pcm.length + frameBytes - 1) / frameBytes + silenceFrames;
        String topic = Topics.AUDIO_FRAME.format(siteId);
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        long periodMicros = FRAME_SAMPLES * 1_000_000L / PcmConverter.RATE / SPEED;
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = pacer.scheduleAtFixedRate(
                () -> {
                    int i = next.getAndIncrement();
                    if (i >= frames || done.isDone()) {
                        done.complete(null);
                        task[0].cancel(false);
                        return;
                    }
                    int from = Math.min(pcm.length, i * frameBytes);
                    // the last piece of the recording is padded, the rest is silence: whole frames, as a microphone
                    byte[] frame = Arrays.copyOfRange(pcm, from, from + frameBytes);
                    mqtt.publish(topic, Wav.write(PcmConverter.TARGET, frame), 0, false);
                },
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
        return done;
    }

    private static Duration duration(byte[] pcm) {
        return Duration.ofMillis(pcm.length * 1000L / 2 / PcmConverter.RATE);
    }

    private String keepAnswer(String sessionId, List<byte[]> wavs) {
        if (wavs == null || wavs.isEmpty()) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>();
        for (byte[] part : List.copyOf(wavs)) {
            try {
                Wav.Audio audio = Wav.parse(part);
                parts.add(Wav.write(PcmConverter.TARGET, PcmConverter.toTarget(audio.format(), audio.samples())));
            } catch (InvalidAudioException e) {
                // the audio module refuses it too and says so on its error topic: nothing to add here
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        try {
            answers.put(sessionId, Wav.join(parts));
        } catch (InvalidAudioException e) {
            throw new IllegalStateException("16 kHz mono parts always join", e);
        }
        return "/api/sessions/" + sessionId + "/audio";
    }

    private static <K, V> Map<K, V> bounded(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        });
    }

    @PreDestroy
    void close() {
        pacer.shutdownNow();
    }

    /** Every startListening: the one for a push-to-talk session may come before the request knows its id. */
    @Singleton
    static class StartListening implements JsonListener<AsrStartListening> {

        private final ListenService service;

        StartListening(ListenService service) {
            this.service = service;
        }

        @Override
        public Class<AsrStartListening> messageType() {
            return AsrStartListening.class;
        }

        @Override
        public void onMessage(InboundMessage raw, AsrStartListening message) {
            if (message.sessionId() != null) {
                service.listeningFor(message.sessionId()).complete(message);
            }
        }
    }

    /** The playBytes of sites in a push-to-talk session. */
    @Singleton
    static class Played implements MessageListener {

        private final ListenService service;

        Played(ListenService service) {
            this.service = service;
        }

        @Override
        public String topicFilter() {
            return Topics.PLAY_BYTES_FILTER;
        }

        @Override
        public void onMessage(InboundMessage message) {
            Topics.PLAY_BYTES
                    .extract(message.topic(), "siteId")
                    .map(service.played::get)
                    .ifPresent(list -> list.add(message.payload()));
        }
    }
}
