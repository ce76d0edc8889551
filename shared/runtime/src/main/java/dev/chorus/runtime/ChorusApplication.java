package dev.chorus.runtime;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.config.ModuleSettingsLoader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for module {@code main} methods: {@code ChorusApplication.run(Main.class, args, checks...)}.
 * A configuration error ends the process with exit code 2 and one line naming the variable, instead of
 * a page of bean-creation stack trace.
 *
 * <p>The variables are checked <em>before</em> Micronaut starts: outside the test environment
 * {@code Micronaut.start()} handles a failing bean itself (logs the whole trace, exits with 1), so an
 * error raised while beans are created would never reach the one-line exit.
 */
public final class ChorusApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusApplication.class);

    /** The context {@link #run} started last: the dev overlay's runner (modules/DevRunner.java) stops it. */
    private static volatile ApplicationContext started;

    /** A module's own validation of its variables; throws {@link ConfigException} naming the variable. */
    @FunctionalInterface
    public interface ConfigCheck {
        void check(EnvSource env);
    }

    private ChorusApplication() {}

    public static ApplicationContext run(Class<?> mainClass, String[] args, ConfigCheck... moduleChecks) {
        ConfigException bad = firstProblem(System::getenv, moduleChecks);
        if (bad != null) {
            System.err.println("configuration error: " + bad.getMessage());
            System.exit(2);
            return null;
        }
        try {
            // the main class's loader, not Micronaut's: in the dev overlay the module's classes are
            // in a class loader of their own, a child of the jars' (modules/DevRunner.java)
            started = Micronaut.build(args)
                    .mainClass(mainClass)
                    .classLoader(mainClass.getClassLoader())
                    .start();
            return started;
        } catch (RuntimeException e) {
            ConfigException config = configCause(e);
            if (config != null) {
                System.err.println("configuration error: " + config.getMessage());
                System.exit(2);
            }
            LOG.error("start-up failed", e);
            System.exit(1);
            return null;
        }
    }

    /**
     * Stops the context the last {@link #run} started, if any, and forgets it: the dev overlay's
     * runner restarts a module in the same JVM, where a class loader it no longer uses may live on
     * (a JDK cache, a thread-local) and must not keep the stopped module with it.
     */
    public static void stopStarted() {
        ApplicationContext context = started;
        started = null;
        if (context != null) {
            context.close();
        }
    }

    /** The shared variables, then each module check; the first problem, or null when all are valid. */
    public static ConfigException firstProblem(EnvSource env, ConfigCheck... moduleChecks) {
        try {
            // The module name only feeds defaults (user name, client id), never validity.
            ModuleSettingsLoader.load(env, "module", null);
            for (ConfigCheck check : moduleChecks) {
                check.check(env);
            }
            return null;
        } catch (ConfigException e) {
            return e;
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
