package dev.chorus.embedded;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.runtime.ChorusApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar chorus-embedded.jar}: the whole stack in this process, configured by the same variables as
 * the containers plus {@code CHORUS_EMBEDDED_MODULES}. A configuration error exits 2 with one line naming the
 * module and the variable, like a module's container.
 */
public final class EmbeddedMain {

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    private EmbeddedMain() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, "dev/chorus/embedded/logback.xml");
        }
        // only now: the first logger configures logback
        Logger log = LoggerFactory.getLogger(EmbeddedMain.class);
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.start(System.getenv());
        } catch (RuntimeException e) {
            ConfigException config = ChorusApplication.configCause(e);
            if (config != null) {
                String where = e instanceof EmbeddedStack.ModuleStartException m ? m.module() + ": " : "";
                log.error("configuration error: {}{}", where, config.getMessage());
                System.exit(2);
            }
            log.error("start-up failed", e);
            // HiveMQ and Micronaut leave non-daemon threads behind on a failed start
            System.exit(1);
            return;
        }
        log.info(
                "embedded stack ready in {} ms: broker {} and {}",
                (System.nanoTime() - t0) / 1_000_000,
                stack.mqttUri(),
                String.join(", ", stack.contexts().keySet()));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "chorus-embedded-shutdown"));
    }
}
