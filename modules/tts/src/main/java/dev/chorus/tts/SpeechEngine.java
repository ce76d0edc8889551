package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import marytts.LocalMaryInterface;
import marytts.exceptions.MaryConfigurationException;
import marytts.exceptions.SynthesisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * A pool of MaryTTS workers. {@link LocalMaryInterface} keeps per-request settings in plain
 * fields, so each worker owns one and serves one synthesis at a time; a caller borrows a
 * worker, renders, and gives it back. Every returned audio stream is read to its end and
 * closed (an unread stream leaves MaryTTS vocoder threads blocked: marytts issue #521).
 * Syntheses on the same voice with different Rate/F0 effects are kept apart by a
 * {@link VoiceParameterGate}. Output: mono 16-bit WAV at the voice's native rate (48 kHz for
 * cmu-slt-hsmm), or resampled by {@link #synthesize}.
 */
public final class SpeechEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechEngine.class);
    private static final String WARM_UP_TEXT = "Chorus is ready.";
    /** Bytes per read of MaryTTS's stream: 25 ms at 48 kHz, so progress is seen in small steps. */
    private static final int READ_BYTES = 2400;

    private final BlockingQueue<LocalMaryInterface> idle;
    private final int size;
    private final Set<String> maryVoices;
    private final Map<String, VoiceParameterGate> gates = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SpeechEngine(final List<LocalMaryInterface> workers, final Set<String> maryVoices) {
        this.size = workers.size();
        this.idle = new ArrayBlockingQueue<>(size, false, workers);
        this.maryVoices = maryVoices;
    }

    /**
     * Starts MaryTTS, checks that every voice is installed in it, creates {@code workers}
     * workers and warms each one up with every voice (the first synthesis is several times
     * slower than the next).
     *
     * @throws TtsException.StartupFailed when MaryTTS cannot start or a voice is missing
     */
    @NonNull
    public static SpeechEngine start(final int workers, @NonNull final Collection<Voice> voices) {
        MaryRuntime.ensureStarted();
        final List<LocalMaryInterface> pool = new ArrayList<>();
        final Set<String> installed;
        try {
            for (int i = 0; i < workers; i++) {
                pool.add(new LocalMaryInterface());
            }
            installed = new TreeSet<>(pool.get(0).getAvailableVoices());
        } catch (MaryConfigurationException e) {
            throw new TtsException.StartupFailed("MaryTTS failed to start: " + MaryRuntime.rootMessage(e), e);
        }
        for (final Voice voice : voices) {
            if (!installed.contains(voice.engineVoice())) {
                throw new TtsException.StartupFailed(
                        VoiceCatalog.FILE + ":" + voice.line() + ": voice '" + voice.id()
                                + "' needs MaryTTS voice '" + voice.engineVoice()
                                + "', which is not installed (installed: "
                                + String.join(", ", installed) + "). Put the voice's jar on the class path.",
                        null);
            }
        }
        final SpeechEngine engine = new SpeechEngine(pool, installed);
        engine.warmUp(voices);
        return engine;
    }

    private void warmUp(final Collection<Voice> voices) {
        final long t0 = System.nanoTime();
        final List<LocalMaryInterface> all = new ArrayList<>();
        idle.drainTo(all);
        try {
            for (final LocalMaryInterface mary : all) {
                for (final Voice voice : voices) {
                    render(mary, voice, "", m -> m.generateAudio(WARM_UP_TEXT), "TEXT", AudioProgress.NONE);
                }
            }
        } catch (Exception e) {
            throw new TtsException.StartupFailed("MaryTTS warm-up failed: " + MaryRuntime.rootMessage(e), e);
        } finally {
            idle.addAll(all);
        }
        LOG.info(
                "Warmed up {} MaryTTS workers x {} voices in {} ms",
                all.size(),
                voices.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Number of workers, i.e. syntheses that can run at once. */
    public int workers() {
        return size;
    }

    /** The voice names MaryTTS has on its class path. */
    @NonNull
    public Set<String> installedMaryVoices() {
        return maryVoices;
    }

    /** Plain text at the voice's native rate. */
    @NonNull
    public Pcm16 renderText(
            @NonNull final String text,
            @NonNull final Voice voice,
            @NonNull final Preset preset,
            @NonNull final Duration timeout) {
        return renderText(text, voice, preset, timeout, AudioProgress.NONE);
    }

    /** Plain text at the voice's native rate, showing {@code progress} the audio while it is produced. */
    @NonNull
    public Pcm16 renderText(
            @NonNull final String text,
            @NonNull final Voice voice,
            @NonNull final Preset preset,
            @NonNull final Duration timeout,
            @NonNull final AudioProgress progress) {
        if (preset.rate() != 1.0) {
            // MaryTTS's Rate effect does nothing; speaking rate only works as SSML prosody
            return renderSsml(Ssml.fromText(text, voice.locale()), voice, preset, timeout, progress);
        }
        return borrowAndRender(voice, preset, timeout, m -> m.generateAudio(text), "TEXT", progress);
    }

    /** SSML (from {@link Ssml#parse}) at the voice's native rate; the document is not changed. */
    @NonNull
    public Pcm16 renderSsml(
            @NonNull final Document ssml,
            @NonNull final Voice voice,
            @NonNull final Preset preset,
            @NonNull final Duration timeout) {
        return renderSsml(ssml, voice, preset, timeout, AudioProgress.NONE);
    }

    /** SSML at the voice's native rate, showing {@code progress} the audio while it is produced. */
    @NonNull
    public Pcm16 renderSsml(
            @NonNull final Document ssml,
            @NonNull final Voice voice,
            @NonNull final Preset preset,
            @NonNull final Duration timeout,
            @NonNull final AudioProgress progress) {
        final Document doc = preset.rate() == 1.0
                ? (Document) ssml.cloneNode(true)
                : Ssml.withProsodyRate(ssml, preset.prosodyRate());
        return borrowAndRender(voice, preset, timeout, m -> m.generateAudio(doc), "SSML", progress);
    }

    /** Plain text or SSML (detected by {@link Ssml#looksLikeSsml}) resampled to {@code sampleRate}. */
    @NonNull
    public Pcm16 synthesize(
            @NonNull final String textOrSsml,
            @NonNull final Voice voice,
            @NonNull final Preset preset,
            final int sampleRate,
            @NonNull final Duration timeout) {
        final Pcm16 wav = Ssml.looksLikeSsml(textOrSsml)
                ? renderSsml(Ssml.parse(textOrSsml, voice.locale()), voice, preset, timeout)
                : renderText(textOrSsml, voice, preset, timeout);
        return Resampler.resample(wav, sampleRate);
    }

    @FunctionalInterface
    private interface Generate {
        AudioInputStream apply(LocalMaryInterface mary) throws SynthesisException;
    }

    private Pcm16 borrowAndRender(
            final Voice voice,
            final Preset preset,
            final Duration timeout,
            final Generate generate,
            final String inputType,
            final AudioProgress progress) {
        if (closed) {
            throw new TtsException.SynthesisFailed("the speech engine is closed", null);
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        final LocalMaryInterface mary;
        try {
            mary = idle.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TtsException.SynthesisFailed("interrupted while waiting for a speech worker", e);
        }
        if (mary == null) {
            throw new TtsException.SynthesisFailed(
                    "all " + size + " speech workers stayed busy for " + timeout.toMillis() + " ms", null);
        }
        final VoiceParameterGate gate = gates.computeIfAbsent(voice.engineVoice(), v -> new VoiceParameterGate());
        try {
            gate.enter(preset.voiceParams(), Math.max(0, deadline - System.nanoTime()));
            try {
                return render(mary, voice, preset.maryEffects(), generate, inputType, progress);
            } finally {
                gate.leave();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TtsException.SynthesisFailed("interrupted while waiting for voice " + voice.id(), e);
        } catch (TimeoutException e) {
            throw new TtsException.SynthesisFailed(e.getMessage(), e);
        } catch (TtsException e) {
            throw e;
        } catch (Exception | Error e) {
            throw new TtsException.SynthesisFailed("MaryTTS failed: " + MaryRuntime.rootMessage(e), e);
        } finally {
            idle.add(mary);
        }
    }

    private static Pcm16 render(
            final LocalMaryInterface mary,
            final Voice voice,
            final String effects,
            final Generate generate,
            final String inputType,
            final AudioProgress progress)
            throws SynthesisException, IOException {
        mary.setVoice(voice.engineVoice());
        mary.setInputType(inputType);
        mary.setOutputType("AUDIO");
        mary.setAudioEffects(effects.isEmpty() ? null : effects);
        final AudioInputStream ais = generate.apply(mary);
        if (ais == null) {
            return Pcm16.mono(48000, new short[0]);
        }
        try (AudioInputStream stream = ais) {
            return readFully(stream, progress);
        }
    }

    /** Reads the whole stream as mono 16-bit little-endian PCM, converting when needed. */
    static Pcm16 readFully(final AudioInputStream source) throws IOException {
        return readFully(source, AudioProgress.NONE);
    }

    /**
     * Reads the whole stream as mono 16-bit little-endian PCM, converting when needed, and shows
     * {@code progress} the samples after every read: MaryTTS's HMM vocoder produces the stream
     * while it is read, so the start of a sentence is there well before its end.
     */
    static Pcm16 readFully(final AudioInputStream source, final AudioProgress progress) throws IOException {
        final AudioFormat in = source.getFormat();
        final AudioFormat want = new AudioFormat(
                AudioFormat.Encoding.PCM_SIGNED, in.getSampleRate(), 16, 1, 2, in.getSampleRate(), false);
        final AudioInputStream stream = in.matches(want) ? source : AudioSystem.getAudioInputStream(want, source);
        final int rate = Math.round(in.getSampleRate());
        final byte[] buffer = new byte[READ_BYTES];
        short[] samples = new short[1 << 15];
        int count = 0;
        int pending = 0; // bytes in buffer not yet converted (an odd byte waits for its pair)
        int n;
        while ((n = stream.read(buffer, pending, buffer.length - pending)) >= 0) {
            pending += n;
            final int whole = pending / 2;
            if (whole == 0) {
                continue;
            }
            if (count + whole > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + whole));
            }
            ByteBuffer.wrap(buffer, 0, whole * 2)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(samples, count, whole);
            count += whole;
            if (pending % 2 == 1) {
                buffer[0] = buffer[pending - 1];
            }
            pending %= 2;
            progress.audio(samples, count, rate);
        }
        return Pcm16.mono(rate, Arrays.copyOf(samples, count));
    }

    /** Refuses new work; running syntheses finish. MaryTTS itself stops with the JVM. */
    @Override
    public void close() {
        closed = true;
    }
}
