package dev.chorus.wake.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * openWakeWord's models on ONNX Runtime, as its Python reference pipeline ({@code openwakeword/utils.py},
 * {@code AudioFeatures}) runs them: 16 kHz audio as int16 values (not scaled to -1..1) → melspectrogram model
 * (output scaled by {@code x/10 + 2}, 32 bins per 10 ms frame) → embedding model on windows of 76 frames
 * (stride 8 frames = one 80 ms chunk) → 96 features → each wake word model on its last 16 (the model's input
 * length) feature vectors → score.
 *
 * <p>The sessions are shared by every site ({@link OrtSession#run} is thread-safe); each site keeps its own
 * {@link WakePipeline}. One thread per run: the module runs one pipeline per site in parallel instead.
 */
public final class OpenWakeWord implements AutoCloseable {

    public static final int SAMPLE_RATE = 16_000;
    /** Samples per step: 80 ms. */
    public static final int CHUNK = 1280;
    /**
     * Samples of the previous chunk fed again with each one (3 hops of 160), so that a chunk yields 8 whole
     * spectrogram frames, as in the Python pipeline's {@code _streaming_melspectrogram}.
     */
    public static final int CONTEXT = 480;

    static final int MEL_BINS = 32;
    static final int MEL_WINDOW = 76;
    static final int MEL_STRIDE = 8;
    static final int FEATURES = 96;
    /** The pre-fill: seconds of noise, as Python's {@code AudioFeatures} fills its feature buffer. */
    static final int PREFILL_SECONDS = 4;

    private final OrtEnvironment env;
    private final OrtSession melspectrogram;
    private final OrtSession embedding;
    private final Map<String, WakeWord> words;
    private final int featureWindow;
    private final Prefill prefill;
    /** Runs hold the read lock, {@link #close} the write lock: a session freed under a running inference crashes the JVM. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;

    /** A loaded wake word model. */
    public record WakeWord(WakeModels.WakeWordFile file, OrtSession session, String input, int window) {}

    /** The state every pipeline starts from: the last raw samples, spectrogram frames and features of noise. */
    record Prefill(float[] raw, List<float[]> mel, List<float[]> features) {}

    private OpenWakeWord(
            OrtEnvironment env, OrtSession melspectrogram, OrtSession embedding, Map<String, WakeWord> words) {
        this.env = env;
        this.melspectrogram = melspectrogram;
        this.embedding = embedding;
        this.words = Collections.unmodifiableMap(words);
        this.featureWindow =
                words.values().stream().mapToInt(WakeWord::window).max().orElse(16);
        this.prefill = computePrefill();
    }

    /** Loads the feature models and the wake words {@code ids} (each must be in {@code models}). */
    public static OpenWakeWord load(WakeModels models, Collection<String> ids) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession mel = null;
        OrtSession emb = null;
        Map<String, WakeWord> words = new LinkedHashMap<>();
        try (OrtSession.SessionOptions options = options()) {
            mel = env.createSession(models.melspectrogram().toString(), options);
            emb = env.createSession(models.embedding().toString(), options);
            for (String id : ids) {
                WakeModels.WakeWordFile file = models.wakeWords().get(id);
                if (file == null) {
                    throw new IllegalArgumentException("no model for wake word " + id);
                }
                OrtSession session = env.createSession(file.file().toString(), options);
                String input = session.getInputNames().iterator().next();
                words.put(id, new WakeWord(file, session, input, window(session, input)));
            }
            return new OpenWakeWord(env, mel, emb, words);
        } catch (OrtException | RuntimeException e) {
            closeAll(mel, emb, words.values());
            throw e;
        }
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    /** The number of feature vectors a wake word model reads: dimension 1 of its input ({@code [1, 16, 96]}). */
    private static int window(OrtSession session, String input) throws OrtException {
        NodeInfo info = session.getInputInfo().get(input);
        if (info.getInfo() instanceof TensorInfo tensor
                && tensor.getShape().length == 3
                && tensor.getShape()[1] > 0
                && tensor.getShape()[2] == FEATURES) {
            return (int) tensor.getShape()[1];
        }
        throw new IllegalArgumentException("not an openWakeWord wake word model (input " + info + ")");
    }

    /** The loaded wake words by id. */
    public Map<String, WakeWord> words() {
        return words;
    }

    int featureWindow() {
        return featureWindow;
    }

    Prefill prefill() {
        return prefill;
    }

    /** A new pipeline for one audio stream. */
    public WakePipeline pipeline(double threshold, int refractorySamples) {
        return new WakePipeline(this, threshold, refractorySamples);
    }

    /** Spectrogram frames (32 values each, scaled {@code x/10 + 2}) of int16-valued samples. */
    float[][] melspectrogram(float[] samples) throws OrtException {
        Lock lock = open();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(samples), new long[] {1, samples.length});
                OrtSession.Result out = melspectrogram.run(Map.of(inputOf(melspectrogram), in))) {
            FloatBuffer values = ((OnnxTensor) out.get(0)).getFloatBuffer();
            int frames = values.remaining() / MEL_BINS;
            float[][] mel = new float[frames][MEL_BINS];
            for (float[] frame : mel) {
                values.get(frame);
                for (int i = 0; i < MEL_BINS; i++) {
                    frame[i] = frame[i] / 10f + 2f;
                }
            }
            return mel;
        } finally {
            lock.unlock();
        }
    }

    /** One feature vector per window of 76 frames; {@code windows} are consecutive frames, 76 per window. */
    float[][] embed(List<float[][]> windows) throws OrtException {
        float[] batch = new float[windows.size() * MEL_WINDOW * MEL_BINS];
        int pos = 0;
        for (float[][] window : windows) {
            for (float[] frame : window) {
                System.arraycopy(frame, 0, batch, pos, MEL_BINS);
                pos += MEL_BINS;
            }
        }
        long[] shape = {windows.size(), MEL_WINDOW, MEL_BINS, 1};
        Lock lock = open();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), shape);
                OrtSession.Result out = embedding.run(Map.of(inputOf(embedding), in))) {
            FloatBuffer values = ((OnnxTensor) out.get(0)).getFloatBuffer();
            float[][] features = new float[windows.size()][FEATURES];
            for (float[] f : features) {
                values.get(f);
            }
            return features;
        } finally {
            lock.unlock();
        }
    }

    /** The wake word's score (0..1) for its last {@code window} feature vectors, oldest first. */
    float score(WakeWord word, List<float[]> features) throws OrtException {
        float[] input = new float[word.window() * FEATURES];
        int first = features.size() - word.window();
        for (int i = 0; i < word.window(); i++) {
            System.arraycopy(features.get(first + i), 0, input, i * FEATURES, FEATURES);
        }
        Lock lock = open();
        try (OnnxTensor in =
                        OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, word.window(), FEATURES});
                OrtSession.Result out = word.session().run(Map.of(word.input(), in))) {
            return ((OnnxTensor) out.get(0)).getFloatBuffer().get(0);
        } finally {
            lock.unlock();
        }
    }

    /** The read lock, held; fails once closed. */
    private Lock open() {
        Lock lock = lifecycle.readLock();
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("the wake word engine is closed");
        }
        return lock;
    }

    private static String inputOf(OrtSession session) {
        return session.getInputNames().iterator().next();
    }

    /**
     * Seconds of low uniform noise (int16 values in -1000..1000, a fixed seed) through the feature models: without
     * a history the wake word models see zeros, and some of them fire on the silence that follows.
     */
    private Prefill computePrefill() {
        Random random = new Random(20_231_031L);
        float[] noise = new float[PREFILL_SECONDS * SAMPLE_RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextInt(2001) - 1000;
        }
        try {
            float[][] mel = melspectrogram(noise);
            List<float[][]> windows = new ArrayList<>();
            for (int start = 0; start + MEL_WINDOW <= mel.length; start += MEL_STRIDE) {
                windows.add(Arrays.copyOfRange(mel, start, start + MEL_WINDOW));
            }
            float[][] features = embed(windows);
            float[] raw = Arrays.copyOfRange(noise, noise.length - CHUNK - CONTEXT, noise.length);
            return new Prefill(
                    raw,
                    List.of(Arrays.copyOfRange(mel, mel.length - MEL_WINDOW, mel.length)),
                    List.of(Arrays.copyOfRange(features, features.length - featureWindow, features.length)));
        } catch (OrtException e) {
            throw new IllegalStateException("the feature models do not run: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeAll(melspectrogram, embedding, words.values());
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeAll(OrtSession mel, OrtSession emb, Collection<WakeWord> words) {
        for (OrtSession s : new OrtSession[] {mel, emb}) {
            closeQuietly(s);
        }
        words.forEach(w -> closeQuietly(w.session()));
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            // closing at shutdown: nothing left to do with it
        }
    }
}
