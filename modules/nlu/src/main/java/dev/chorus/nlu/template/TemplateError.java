package dev.chorus.nlu.template;

/**
 * Where a template is wrong and why.
 *
 * @param file   the template file, relative to the template folder ({@code sentences.ini}, {@code slots/rooms})
 * @param line   1-based line in that file; 0 when the problem is not on a line (a missing file)
 * @param reason what is wrong, for people
 */
public record TemplateError(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
