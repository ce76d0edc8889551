package dev.chorus.asr.listen;

/**
 * Voice activity by energy, per 10 ms window of 16 kHz audio: speech is a window whose energy is at least
 * {@code thresholdDb} above the noise floor. The floor follows the quietest windows: it drops at once to a quieter
 * window and rises by 1 dB per second otherwise, so it settles on the room's noise within a pause even when the
 * session starts in the middle of speech. Enough for stationary noise (it agreed with Silero VAD within tens of
 * milliseconds on padded clips here); TV or music in the room would need a model.
 *
 * <p>Fed in audio time, so its decisions do not depend on how frames arrive. Not thread-safe.
 */
public final class EnergyVad {

    /** Samples per window: 10 ms at 16 kHz. */
    public static final int WINDOW = 160;

    private static final double RISE_DB_PER_WINDOW = 0.01;
    /** Windows below this are digital silence, not a noise floor to measure against. */
    private static final double FLOOR_MIN_DB = -90;
    /** Speech must also be this loud in absolute terms (so a dead-silent line with a click is not speech). */
    private static final double SPEECH_MIN_DB = -60;

    private final double thresholdDb;
    private final int silenceWindows;
    private final int minSpeechWindows;
    private final short[] window = new short[WINDOW];
    private int filled;
    private double floorDb = Double.NaN;
    private int speechWindows;
    private int trailingSilence;
    private long windows;
    private long lastSpeechWindow = -1;

    /**
     * @param silenceMillis   trailing silence that ends speech
     * @param minSpeechMillis speech (in total) before silence can end it
     */
    public EnergyVad(double thresholdDb, long silenceMillis, long minSpeechMillis) {
        this.thresholdDb = thresholdDb;
        this.silenceWindows = (int) Math.max(1, silenceMillis / 10);
        this.minSpeechWindows = (int) Math.max(1, minSpeechMillis / 10);
    }

    /** Feeds samples; true once speech has been heard and then {@code silence} of trailing silence. */
    public boolean accept(short[] samples) {
        boolean ended = false;
        for (short sample : samples) {
            window[filled++] = sample;
            if (filled == WINDOW) {
                filled = 0;
                ended |= window();
            }
        }
        return ended;
    }

    /** Whether enough speech has been heard. */
    public boolean heardSpeech() {
        return speechWindows >= minSpeechWindows;
    }

    /** Milliseconds of audio from the start to the end of the last speech window, or -1. */
    public long lastSpeechEndMillis() {
        return lastSpeechWindow < 0 ? -1 : (lastSpeechWindow + 1) * 10;
    }

    public double noiseFloorDb() {
        return floorDb;
    }

    private boolean window() {
        double energy = 0;
        for (short s : window) {
            energy += (double) s * s;
        }
        double db = 10 * Math.log10(energy / WINDOW / (32768.0 * 32768.0) + 1e-12);
        if (Double.isNaN(floorDb) || db < floorDb) {
            floorDb = Math.max(db, FLOOR_MIN_DB);
        } else {
            floorDb += RISE_DB_PER_WINDOW;
        }
        boolean speech = db >= floorDb + thresholdDb && db >= SPEECH_MIN_DB;
        windows++;
        if (speech) {
            speechWindows++;
            trailingSilence = 0;
            lastSpeechWindow = windows - 1;
            return false;
        }
        trailingSilence++;
        return heardSpeech() && trailingSilence >= silenceWindows;
    }
}
