package dev.chorus.protocol.env;

/**
 * Where module configuration comes from: environment variables only. The default bean reads
 * {@link System#getenv(String)}; tests register a {@link MapEnvSource} singleton instead.
 */
@FunctionalInterface
public interface EnvSource {

    /** The value of a variable, or {@code null} when it is not set. */
    String get(String name);
}
