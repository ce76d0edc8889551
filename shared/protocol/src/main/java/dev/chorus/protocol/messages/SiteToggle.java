package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;

/** {@code hermes/audioServer/toggleOn|toggleOff}, {@code rhasspy/handle/toggleOn|toggleOff}: {@code {siteId}}. */
@HermesMessage
public record SiteToggle(String siteId) {

    public SiteToggle {
        siteId = Hermes.site(siteId);
    }
}
