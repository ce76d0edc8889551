package dev.chorus.mic;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mic module's validated configuration, from {@code CHORUS_SITE_ID} and {@code CHORUS_MIC_*} variables
 * (see {@link MicSettingsLoader} and modules/mic/CONFIG.md).
 *
 * @param sources      where audio comes from
 * @param siteId       the module's own site: files dropped straight into the inbox, the device, UDP senders
 *                     without a site of their own
 * @param frameSamples samples per published frame (16 kHz mono 16-bit)
 * @param inboxDir     {@code $CHORUS_DATA_DIR/inbox}
 * @param keepFiles    most streamed (or refused) files kept in {@code inbox/.done}; 0 deletes them
 * @param maxFileBytes largest WAV file read from the inbox
 * @param udpPort      the UDP port for raw PCM, when the udp source is on
 * @param udpSites     sender address → site; empty = every sender is {@code siteId}
 * @param device       javax.sound mixer name, or {@code default}
 */
public record MicSettings(
        Set<Source> sources,
        String siteId,
        int frameSamples,
        Path inboxDir,
        int keepFiles,
        long maxFileBytes,
        Optional<Integer> udpPort,
        Map<String, String> udpSites,
        String device) {

    /** Where audio comes from ({@code CHORUS_MIC_SOURCE}). */
    public enum Source {
        FILE,
        UDP,
        DEVICE
    }

    /** The sample rate of every frame, as Rhasspy's audio input services send. */
    public static final int SAMPLE_RATE = 16_000;

    public MicSettings {
        sources = Set.copyOf(sources);
        udpSites = Map.copyOf(udpSites);
    }

    public boolean uses(Source source) {
        return sources.contains(source);
    }

    /** Bytes per frame (16-bit samples). */
    public int frameBytes() {
        return frameSamples * 2;
    }

    /** How long one frame lasts, exactly (62 500 ns per sample at 16 kHz). */
    public long frameNanos() {
        return frameSamples * (1_000_000_000L / SAMPLE_RATE);
    }
}
