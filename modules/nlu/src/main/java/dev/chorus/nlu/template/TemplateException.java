package dev.chorus.nlu.template;

/** A template that cannot be compiled; {@link #error()} says where and why. */
public final class TemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient TemplateError error;

    public TemplateException(TemplateError error) {
        super(error.toString());
        this.error = error;
    }

    public TemplateError error() {
        return error;
    }
}
