package dev.chorus.broker;

import dev.chorus.protocol.env.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Container entry point: settings from the environment, stop cleanly on SIGTERM. */
public final class BrokerMain {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    private BrokerMain() {}

    public static void main(final String[] args) {
        final ChorusBroker broker;
        try {
            broker = ChorusBroker.start(BrokerSettings.fromEnv(System.getenv()));
        } catch (ConfigException e) {
            LOG.error("invalid configuration: {}", e.getMessage());
            // HiveMQ leaves non-daemon threads behind on a failed start: exit explicitly.
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        // Embedded HiveMQ registers no shutdown hook; without this, 'docker stop' loses in-flight writes.
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "chorus-broker-shutdown"));
    }
}
