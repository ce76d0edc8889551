package dev.chorus.wake.engine;

import ai.onnxruntime.OrtException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audio stream (one site) through {@link OpenWakeWord}: buffers samples into 80 ms chunks and, per chunk, adds
 * 8 spectrogram frames, one feature vector and one score per wake word. Starts from the engine's pre-fill
 * ({@link #reset}). Not thread-safe: one thread at a time per pipeline.
 */
public final class WakePipeline {

    /** Chunks after a reset whose scores do not count (the Python pipeline zeroes its first 5 predictions). */
    static final int WARM_UP_CHUNKS = 5;

    private final OpenWakeWord engine;
    private final double threshold;
    private final int refractorySamples;
    private final float[] raw = new float[OpenWakeWord.CHUNK + OpenWakeWord.CONTEXT];
    private final float[] pending = new float[OpenWakeWord.CHUNK];
    private final ArrayDeque<float[]> mel = new ArrayDeque<>();
    private final ArrayDeque<float[]> features = new ArrayDeque<>();
    private final Map<String, Float> scores = new LinkedHashMap<>();
    private int pendingCount;
    private long samples;
    private long chunksSinceReset;
    private long quietUntil;

    WakePipeline(OpenWakeWord engine, double threshold, int refractorySamples) {
        this.engine = engine;
        this.threshold = threshold;
        this.refractorySamples = refractorySamples;
        reset();
    }

    /** Back to the pre-filled state (after a pause in the stream: old audio must not complete a wake word). */
    public void reset() {
        OpenWakeWord.Prefill prefill = engine.prefill();
        System.arraycopy(prefill.raw(), 0, raw, 0, raw.length);
        mel.clear();
        prefill.mel().forEach(f -> mel.add(f.clone()));
        features.clear();
        features.addAll(prefill.features());
        pendingCount = 0;
        chunksSinceReset = 0;
        quietUntil = 0;
        engine.words().keySet().forEach(id -> scores.put(id, 0f));
    }

    /**
     * Adds 16 kHz mono samples (int16 values as floats) and returns the wake words detected in the chunks they
     * complete: a score at or above the threshold, outside the refractory period of the previous detection.
     */
    public List<Detection> accept(float[] input) throws OrtException {
        List<Detection> detections = new ArrayList<>();
        int pos = 0;
        while (pos < input.length) {
            int n = Math.min(input.length - pos, pending.length - pendingCount);
            System.arraycopy(input, pos, pending, pendingCount, n);
            pendingCount += n;
            pos += n;
            if (pendingCount == pending.length) {
                pendingCount = 0;
                step(detections);
            }
        }
        return detections;
    }

    private void step(List<Detection> detections) throws OrtException {
        int keep = OpenWakeWord.CONTEXT;
        System.arraycopy(raw, raw.length - keep, raw, 0, keep);
        System.arraycopy(pending, 0, raw, keep, pending.length);
        samples += pending.length;
        chunksSinceReset++;
        for (float[] frame : engine.melspectrogram(raw)) {
            mel.addLast(frame);
        }
        while (mel.size() > OpenWakeWord.MEL_WINDOW) {
            mel.removeFirst();
        }
        float[][] window = mel.toArray(new float[0][]);
        features.addLast(engine.embed(List.of(new float[][][] {window}))[0]);
        while (features.size() > engine.featureWindow()) {
            features.removeFirst();
        }
        List<float[]> history = Arrays.asList(features.toArray(new float[0][]));
        for (OpenWakeWord.WakeWord word : engine.words().values()) {
            float score = engine.score(word, history);
            String id = word.file().id();
            scores.put(id, score);
            if (score >= threshold && chunksSinceReset > WARM_UP_CHUNKS && samples >= quietUntil) {
                detections.add(new Detection(id, score, samples));
                quietUntil = samples + refractorySamples;
            }
        }
    }

    /** The last score of each wake word (for benchmarks and logs). */
    public Map<String, Float> scores() {
        return Map.copyOf(scores);
    }

    /** Samples consumed since the pipeline was made. */
    public long samples() {
        return samples;
    }
}
