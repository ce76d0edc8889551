package dev.chorus.protocol.messages;

/** Wire constants shared by the Hermes messages. */
public final class Hermes {

    private Hermes() {}

    /** siteId when a message does not name one. */
    public static final String DEFAULT_SITE_ID = "default";

    static String site(String siteId) {
        return siteId == null ? DEFAULT_SITE_ID : siteId;
    }
}
