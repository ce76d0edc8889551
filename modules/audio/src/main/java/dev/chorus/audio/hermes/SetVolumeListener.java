package dev.chorus.audio.hermes;

import dev.chorus.audio.AudioSettings;
import dev.chorus.audio.SiteControls;
import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code rhasspy/audioServer/setVolume} {@code {volume, siteId}}: the site's volume, 0..1, for requests not yet started. */
@Singleton
public class SetVolumeListener implements JsonListener<SetVolume> {

    private static final Logger LOG = LoggerFactory.getLogger(SetVolumeListener.class);

    private final SiteControls controls;
    private final AudioSettings settings;
    private final Replies replies;

    public SetVolumeListener(SiteControls controls, AudioSettings settings, Replies replies) {
        this.controls = controls;
        this.settings = settings;
        this.replies = replies;
    }

    @Override
    public String queue() {
        return PlayBytesListener.QUEUE;
    }

    @Override
    public Class<SetVolume> messageType() {
        return SetVolume.class;
    }

    @Override
    public void onMessage(InboundMessage raw, SetVolume message) {
        if (!settings.serves(message.siteId())) {
            return;
        }
        double volume = message.volume();
        if (!(volume >= 0 && volume <= 1)) {
            replies.error(
                    raw.topic(),
                    raw.payload(),
                    message.siteId(),
                    null,
                    "volume must be between 0 and 1, got " + volume);
            return;
        }
        controls.setVolume(message.siteId(), volume);
        LOG.info("volume of site {} set to {}", message.siteId(), volume);
    }
}
