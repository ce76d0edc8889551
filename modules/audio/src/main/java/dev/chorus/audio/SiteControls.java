package dev.chorus.audio;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-site output state set over MQTT: volume ({@code rhasspy/audioServer/setVolume}) and on/off
 * ({@code hermes/audioServer/toggleOn|toggleOff}). Read when a request's turn to play comes, so a change
 * applies to every request that has not started yet. Only sites that differ from the defaults are stored.
 */
@Singleton
public class SiteControls {

    private final double defaultVolume;
    private final Map<String, Double> volumes = new ConcurrentHashMap<>();
    private final Set<String> off = ConcurrentHashMap.newKeySet();

    public SiteControls(AudioSettings settings) {
        this.defaultVolume = settings.volume();
    }

    public double volume(String siteId) {
        return volumes.getOrDefault(siteId, defaultVolume);
    }

    /** @param volume 0..1 */
    public void setVolume(String siteId, double volume) {
        if (!(volume >= 0 && volume <= 1)) {
            throw new IllegalArgumentException("volume must be between 0 and 1: " + volume);
        }
        if (volume == defaultVolume) {
            volumes.remove(siteId);
        } else {
            volumes.put(siteId, volume);
        }
    }

    public boolean isOn(String siteId) {
        return !off.contains(siteId);
    }

    public void setOn(String siteId, boolean on) {
        if (on) {
            off.remove(siteId);
        } else {
            off.add(siteId);
        }
    }
}
