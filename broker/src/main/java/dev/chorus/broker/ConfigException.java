package dev.chorus.broker;

/** A broker setting is missing or invalid. The message is one line that names the variable. */
public final class ConfigException extends RuntimeException {

    public ConfigException(final String variable, final String problem) {
        super(variable + ": " + problem);
    }
}
