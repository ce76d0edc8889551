package dev.chorus.skills;

/** A skill method threw; the dispatcher has apologised on the session, the runtime reports this on chorus/error. */
public final class SkillException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SkillException(String message, Throwable cause) {
        super(message, cause);
    }
}
