package dev.chorus.nlu.template;

/** A problem inside one line; the caller knows the file and line and turns it into a {@link TemplateException}. */
final class SyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SyntaxException(String reason) {
        super(reason);
    }
}
