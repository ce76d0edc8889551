package dev.chorus.asr.decode;

import edu.cmu.sphinx.frontend.BaseDataProcessor;
import edu.cmu.sphinx.frontend.Data;
import edu.cmu.sphinx.frontend.DataEndSignal;
import edu.cmu.sphinx.frontend.DataProcessingException;
import edu.cmu.sphinx.frontend.DoubleData;
import edu.cmu.sphinx.frontend.endpoint.SpeechEndSignal;
import edu.cmu.sphinx.linguist.acoustic.tiedstate.Loader;
import edu.cmu.sphinx.util.props.PropertyException;
import edu.cmu.sphinx.util.props.PropertySheet;
import edu.cmu.sphinx.util.props.S4Component;
import edu.cmu.sphinx.util.props.S4Integer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

/**
 * Live cepstral mean normalisation that never divides by zero and never learns its first mean from silence. It
 * replaces Sphinx4's LiveCMN, which makes its first mean from the first window of frames it is given (up to 200, or
 * the first utterance if shorter), counting only frames with c0 ≥ 0: a first session that starts with 2 s of
 * digital silence (a microphone streaming zeros while nobody speaks) gave 0/0, NaN features ("gs is Nan" on stdout)
 * and a recogniser that decoded nothing until it had heard 4 s of sound (VoiceLoopIT in CI, session 9).
 *
 * <p>Here the first mean is learnt, as LiveCMN does, from the first window, but only from a window with at least
 * {@code minSound} frames of sound (finite, c0 ≥ 0); until such a window comes, frames are normalised with the
 * acoustic model's own mean ({@code -cmninit} in its feat.params, as pocketsphinx starts). Once learnt, it works as
 * LiveCMN does: every {@code shiftWindow} frames of sound make their mean the current one, and the sum is weighed
 * down to {@code cmnWindow} frames, so the mean follows the room and the voice.
 */
public final class LiveCmn extends BaseDataProcessor {

    /** The acoustic model, whose feat.params gives the mean used until one is learnt. */
    @S4Component(type = Loader.class)
    public static final String PROP_LOADER = "loader";

    /** Frames looked at (and held back) for the first mean. */
    @S4Integer(defaultValue = 200)
    public static final String PROP_INITIAL_WINDOW = "initialCmnWindow";

    /** Frames of sound a window needs for its mean to be learnt (0.5 s). */
    @S4Integer(defaultValue = 50)
    public static final String PROP_MIN_SOUND = "minSound";

    /** How many frames the sum is weighed down to after each update. */
    @S4Integer(defaultValue = 300)
    public static final String PROP_CMN_WINDOW = "cmnWindow";

    /** After how many summed frames the mean is updated. */
    @S4Integer(defaultValue = 400)
    public static final String PROP_SHIFT_WINDOW = "shiftWindow";

    /** See {@link #firstMeanFloor()}. */
    private static final double FIRST_MEAN_RANGE = 20;

    private int initialWindow;
    private int minSound;
    private int cmnWindow;
    private int shiftWindow;
    private double[] mean;
    private double[] sum;
    private int frames;
    private boolean learnt;
    /** The first window's frames, normalised, waiting to be handed on (a LinkedList: the source's end is a null). */
    private final LinkedList<Data> held = new LinkedList<>();

    @Override
    public void newProperties(PropertySheet ps) throws PropertyException {
        super.newProperties(ps);
        initialWindow = ps.getInt(PROP_INITIAL_WINDOW);
        minSound = ps.getInt(PROP_MIN_SOUND);
        cmnWindow = ps.getInt(PROP_CMN_WINDOW);
        shiftWindow = ps.getInt(PROP_SHIFT_WINDOW);
        Loader loader = (Loader) ps.getComponent(PROP_LOADER);
        try {
            loader.load(); // once per model: later calls return at once
        } catch (java.io.IOException e) {
            throw new PropertyException(e);
        }
        mean = initialMean(loader.getProperties().getProperty("-cmninit"));
        learnt = false;
        sum = null;
        frames = 0;
        held.clear();
    }

    /** The model's mean: comma-separated cepstra; missing or unreadable, zeros. */
    static double[] initialMean(String cmninit) {
        if (cmninit == null || cmninit.isBlank()) {
            return new double[0];
        }
        String[] parts = cmninit.trim().split(",");
        double[] values = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                values[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            return new double[0];
        }
        return values;
    }

    @Override
    public Data getData() throws DataProcessingException {
        if (!held.isEmpty()) {
            return held.poll();
        }
        if (!learnt) {
            holdFirstWindow();
            return held.poll();
        }
        Data data = getPredecessor().getData();
        if (data instanceof DoubleData cepstrum) {
            normalise(cepstrum.getValues());
        }
        return data;
    }

    /**
     * Reads a window (up to {@code initialWindow} frames, ending early at the end of the utterance), learns the mean
     * from its sound if it has enough, normalises its frames and holds them.
     */
    private void holdFirstWindow() {
        List<double[]> sound = new ArrayList<>();
        List<Data> window = new ArrayList<>();
        int cepstra = 0;
        while (cepstra < initialWindow) {
            Data data = getPredecessor().getData();
            window.add(data);
            if (data == null || data instanceof DataEndSignal || data instanceof SpeechEndSignal) {
                break;
            }
            if (data instanceof DoubleData cepstrum) {
                cepstra++;
                if (carriesSound(cepstrum.getValues()) && cepstrum.getValues()[0] >= firstMeanFloor()) {
                    sound.add(cepstrum.getValues());
                }
            }
        }
        if (sound.size() >= minSound) {
            sum = new double[sound.get(0).length];
            for (double[] cepstrum : sound) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += cepstrum[i];
                }
            }
            frames = sound.size();
            mean = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = sum[i] / frames;
            }
            learnt = true;
        }
        for (Data data : window) {
            if (data instanceof DoubleData cepstrum) {
                if (learnt) {
                    // summed a second time, as LiveCMN does (the module's accuracy figures were measured with it)
                    normalise(cepstrum.getValues());
                } else {
                    subtractMean(cepstrum.getValues());
                }
            }
        }
        held.addAll(window);
    }

    /**
     * The loudness (c0) a frame needs to count towards the first mean: within {@code FIRST_MEAN_RANGE} of the model's
     * mean, so that a first session of faint room noise (c0 about 6 for noise of 3/32768 RMS, against 41 for the
     * model's speech) does not become the mean the next command is heard with.
     */
    private double firstMeanFloor() {
        return mean.length == 0 ? 0 : mean[0] - FIRST_MEAN_RANGE;
    }

    /** Sums {@code cepstrum} if it carries sound, subtracts the current mean, updates the mean when it is due. */
    private void normalise(double[] cepstrum) {
        if (carriesSound(cepstrum) && cepstrum.length == sum.length) {
            for (int i = 0; i < cepstrum.length; i++) {
                sum[i] += cepstrum[i];
            }
            frames++;
        }
        subtractMean(cepstrum);
        if (frames > shiftWindow) {
            for (int i = 0; i < sum.length; i++) {
                mean[i] = sum[i] / frames;
                sum[i] = mean[i] * cmnWindow;
            }
            frames = cmnWindow;
        }
    }

    private void subtractMean(double[] cepstrum) {
        if (mean.length != cepstrum.length) {
            mean = Arrays.copyOf(mean, cepstrum.length); // a model without -cmninit: zeros
        }
        for (int i = 0; i < cepstrum.length; i++) {
            cepstrum[i] -= mean[i];
        }
    }

    private static boolean carriesSound(double[] cepstrum) {
        if (cepstrum.length == 0 || !(cepstrum[0] >= 0)) {
            return false;
        }
        for (double value : cepstrum) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
