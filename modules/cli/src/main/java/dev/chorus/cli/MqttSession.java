package dev.chorus.cli;

import dev.chorus.client.ChorusClient;
import dev.chorus.client.ChorusClientException;
import dev.chorus.client.ReceivedMessage;
import dev.chorus.client.RefusedException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A short-lived MQTT v5 connection ({@link ChorusClient}: clean start, session expiry 0, no reconnect) with
 * client id {@code cli-<random>}. Everything that arrives lands in one queue, read with {@link #poll}.
 */
final class MqttSession implements AutoCloseable {

    private static final Duration OP_TIMEOUT = Duration.ofSeconds(10);
    private static final Inbound LOST = new Inbound("", new byte[0], false);

    /** One received message. */
    record Inbound(String topic, byte[] payload, boolean retained) {}

    private final ChorusClient client;
    private final String uri;
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    /** One handler for every subscription, so a message matching two of them is queued once. */
    private final Consumer<ReceivedMessage> toInbox = m -> inbox.add(new Inbound(m.topic(), m.payload(), m.retained()));

    private MqttSession(final ChorusClient client, final String uri) {
        this.client = client;
        this.uri = uri;
        // completes after the messages that arrived before the loss, so poll() returns those first
        client.lost().thenRun(() -> inbox.add(LOST));
    }

    static MqttSession connect(final ConnectionOptions.Settings settings) {
        final String clientId =
                "cli-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            return new MqttSession(
                    ChorusClient.to(settings.uri())
                            .login(settings.user(), settings.password())
                            .clientId(clientId)
                            .connectTimeout(Duration.ofSeconds(settings.connectTimeoutSeconds()))
                            .connect(),
                    settings.uri());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--uri: not a usable broker URI: \"" + settings.uri() + "\"");
        } catch (ChorusClientException e) {
            throw CliException.failure(
                    "cannot connect to " + settings.uri() + " as " + settings.user() + ": " + e.getMessage());
        }
    }

    /** Subscribes with QoS 1 and waits for the SUBACK; a refusal (ACL) is a failure naming the filter. */
    void subscribe(final String... filters) {
        for (final String filter : filters) {
            try {
                ChorusClient.await(client.subscribe(filter, 1, toInbox), OP_TIMEOUT);
            } catch (RefusedException e) {
                throw CliException.failure("the broker refused the subscription to " + filter + " (reason code 0x"
                        + Integer.toHexString(e.reasonCode()) + "; not allowed for this user?)");
            } catch (ChorusClientException e) {
                throw CliException.failure("cannot subscribe to " + filter + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw CliException.usage("not a valid topic filter: \"" + filter + "\"");
            }
        }
    }

    /** Publishes and, for QoS 1 and 2, waits for the broker's acknowledgement; a refusal is a failure. */
    void publish(final String topic, final byte[] payload, final int qos, final boolean retain) {
        try {
            ChorusClient.await(client.publish(topic, payload, qos, retain), OP_TIMEOUT);
        } catch (RefusedException e) {
            throw CliException.failure("the broker refused the message on " + topic + " (reason code 0x"
                    + Integer.toHexString(e.reasonCode()) + "; not allowed for this user?)");
        } catch (ChorusClientException e) {
            throw CliException.failure("cannot publish on " + topic + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("not a valid topic to publish on: \"" + topic + "\"");
        }
        if (client.lostReason() != null) {
            throw CliException.failure(
                    "the broker closed the connection after the message on " + topic + ": " + client.lostReason());
        }
    }

    /**
     * The next message, or {@code null} once {@code timeout} has passed. A lost connection is a failure:
     * the broker closes it for example when the ACL forbids a publish.
     */
    Inbound poll(final Duration timeout) throws InterruptedException {
        final long ms = Math.max(0, timeout.toMillis());
        final Inbound next = inbox.poll(ms, TimeUnit.MILLISECONDS);
        if (next == LOST) {
            inbox.add(LOST);
            throw CliException.failure("lost the connection to " + uri + ": " + client.lostReason());
        }
        return next;
    }

    @Override
    public void close() {
        client.close();
    }
}
