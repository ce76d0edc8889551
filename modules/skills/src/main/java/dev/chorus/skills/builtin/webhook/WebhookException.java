package dev.chorus.skills.builtin.webhook;

/** A webhook failed; the session has been answered, the runtime reports this on chorus/error/skills. */
public final class WebhookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebhookException(String message) {
        super(message);
    }
}
