package dev.chorus.dialogue;

import java.util.List;

/**
 * One dialogue session, as {@link SiteDialogue} keeps it. Mutable: continueSession changes the filter, the
 * custom data and the language.
 */
final class Session {

    final String id;
    final String siteId;
    final boolean notification;
    /** Spoken when the session starts (the startSession text), or null. */
    final String text;
    /** The wake word that opened the session, or null. */
    final String wakewordId;

    final Boolean sendAudioCaptured;
    String customData;
    String lang;
    List<String> intentFilter;
    boolean sendIntentNotRecognized;

    Session(
            String id,
            String siteId,
            boolean notification,
            String text,
            String wakewordId,
            Boolean sendAudioCaptured,
            String customData,
            String lang,
            List<String> intentFilter,
            boolean sendIntentNotRecognized) {
        this.id = id;
        this.siteId = siteId;
        this.notification = notification;
        this.text = text;
        this.wakewordId = wakewordId;
        this.sendAudioCaptured = sendAudioCaptured;
        this.customData = customData;
        this.lang = lang;
        this.intentFilter = intentFilter == null ? null : List.copyOf(intentFilter);
        this.sendIntentNotRecognized = sendIntentNotRecognized;
    }

    @Override
    public String toString() {
        return "session " + id + " on " + siteId;
    }
}
