package dev.chorus.cli;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A short-lived MQTT v5 connection: clean start, session expiry 0, client id {@code cli-<random>},
 * no automatic reconnect. Everything that arrives lands in one queue, read with {@link #poll}.
 */
final class MqttSession implements AutoCloseable {

    private static final long OP_TIMEOUT_MS = 10_000;
    private static final Inbound LOST = new Inbound("", new byte[0], false);

    /** One received message. */
    record Inbound(String topic, byte[] payload, boolean retained) {
    }

    private final MqttAsyncClient client;
    private final String uri;
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private volatile String lostReason;

    private MqttSession(final MqttAsyncClient client, final String uri) {
        this.client = client;
        this.uri = uri;
    }

    static MqttSession connect(final ConnectionOptions.Settings settings) {
        final String clientId = "cli-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        final MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(settings.uri(), clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw CliException.usage("--uri: not a usable broker URI: \"" + settings.uri() + "\"");
        }
        final MqttSession session = new MqttSession(client, settings.uri());
        client.setCallback(session.new Callback());
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        options.setAutomaticReconnect(false);
        options.setUserName(settings.user());
        options.setPassword(settings.password());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        options.setKeepAliveInterval(30);
        try {
            client.connect(options).waitForCompletion((settings.connectTimeoutSeconds() + 2) * 1000L);
        } catch (MqttException e) {
            session.closeQuietly();
            throw CliException.failure("cannot connect to " + settings.uri() + " as " + settings.user() + ": " + describe(e));
        }
        return session;
    }

    /** Subscribes with QoS 1 and waits for the SUBACK; a refusal (ACL) is a failure naming the filter. */
    void subscribe(final String... filters) {
        for (final String filter : filters) {
            try {
                final IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
                token.waitForCompletion(OP_TIMEOUT_MS);
                final int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    throw CliException.failure("the broker refused the subscription to " + filter
                            + " (reason code 0x" + Integer.toHexString(codes[0]) + "; not allowed for this user?)");
                }
            } catch (MqttException e) {
                throw CliException.failure("cannot subscribe to " + filter + ": " + describe(e));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("not a valid topic filter: \"" + filter + "\"");
            }
        }
    }

    /** Publishes and, for QoS 1 and 2, waits for the broker's acknowledgement; a refusal is a failure. */
    void publish(final String topic, final byte[] payload, final int qos, final boolean retain) {
        final MqttMessage message = new MqttMessage(payload, qos, retain, new MqttProperties());
        try {
            final IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(OP_TIMEOUT_MS);
            final int[] codes = token.getReasonCodes();
            if (qos > 0 && codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw CliException.failure("the broker refused the message on " + topic
                        + " (reason code 0x" + Integer.toHexString(codes[0]) + "; not allowed for this user?)");
            }
        } catch (MqttException e) {
            throw CliException.failure("cannot publish on " + topic + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("not a valid topic to publish on: \"" + topic + "\"");
        }
        if (lostReason != null) {
            throw CliException.failure("the broker closed the connection after the message on " + topic + ": " + lostReason);
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
            throw CliException.failure("lost the connection to " + uri + ": " + lostReason);
        }
        return next;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    static String describe(final MqttException e) {
        final StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        final int code = e.getReasonCode();
        if (code == 0x86 || code == 0x87 || code == 4 || code == 5) {
            text.setLength(0);
            text.append("the broker refused the login (bad user name or password, or not authorised)");
        }
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            inbox.add(new Inbound(topic, message.getPayload(), message.isRetained()));
        }

        @Override
        public void disconnected(final MqttDisconnectResponse response) {
            String reason = response.getReasonString();
            if (reason == null) {
                reason = response.getException() != null ? describe(response.getException())
                        : "reason code 0x" + Integer.toHexString(response.getReturnCode());
            }
            lostReason = reason;
            inbox.add(LOST);
        }

        @Override
        public void mqttErrorOccurred(final MqttException exception) {
            // surfaces through the tokens
        }

        @Override
        public void deliveryComplete(final IMqttToken token) {
            // publish() waits on its token
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverUri) {
            // connect() waits on its token
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
