package dev.chorus.shared;

import dev.chorus.shared.config.ConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for module {@code main} methods: {@code ChorusApplication.run(Main.class, args)}.
 * A configuration error ends the process with exit code 2 and one line naming the variable, instead of
 * a page of bean-creation stack trace.
 */
public final class ChorusApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusApplication.class);

    private ChorusApplication() {
    }

    public static ApplicationContext run(Class<?> mainClass, String... args) {
        try {
            return Micronaut.build(args).mainClass(mainClass).start();
        } catch (RuntimeException e) {
            ConfigException config = configCause(e);
            if (config != null) {
                LOG.error("configuration error: {}", config.getMessage());
                System.err.println("configuration error: " + config.getMessage());
                System.exit(2);
            }
            LOG.error("start-up failed", e);
            System.exit(1);
            return null;
        }
    }

    /** The {@link ConfigException} behind a start-up failure, if that is what it was. */
    public static ConfigException configCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }
}
