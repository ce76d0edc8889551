package dev.chorus.skills;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public method of a {@link Skill} that answers the named intents ({@code hermes/intent/{intentName}}).
 *
 * <p>Parameters: any of {@link IntentRequest} and {@link SkillContext}, in any order, or none. Return type:
 * {@link Answer}, {@code String} (= {@link Answer#end(String)}) or {@code void} (= {@link Answer#silent()}).
 * An intent name may have one method in the whole module; a second one fails the start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnIntent {

    /** Intent names exactly as in the templates, e.g. {@code "GetTime"}. */
    String[] value();
}
