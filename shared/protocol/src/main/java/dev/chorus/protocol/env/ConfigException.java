package dev.chorus.protocol.env;

/** Invalid module configuration. The message is one line that starts with the variable's name. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
