package dev.chorus.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** A broker in a temp folder, with the repo's ACL and a random password per principal. */
final class TestBroker implements AutoCloseable {

    static final Path REPO_ACL = Path.of("acl.conf").toAbsolutePath();

    final Path root;
    final Map<String, String> passwords = new HashMap<>();
    BrokerSettings settings;
    ChorusBroker broker;

    TestBroker(final Path root, final List<String> extraAclLines) {
        this.root = root;
        try {
            final Path credentials = Files.createDirectories(root.resolve("credentials"));
            for (final String principal : List.of("tts", "audio", "gateway", "cli", "nlu", "dialogue", "operator")) {
                final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                passwords.put(principal, password);
                Files.writeString(credentials.resolve(principal), password + "\n");
            }
            final Path acl = root.resolve("acl.conf");
            final StringBuilder text = new StringBuilder(Files.readString(REPO_ACL));
            extraAclLines.forEach(line -> text.append('\n').append(line));
            Files.writeString(acl, text.toString());
            settings = BrokerSettings.builder()
                    .bindAddress("127.0.0.1")
                    .mqttPort(0)
                    .dataDir(root.resolve("data"))
                    .credentialsDir(credentials)
                    .aclFile(acl)
                    .readyFile(root.resolve("ready"))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One more principal with a random password (before {@link #start}), e.g. a satellite's. */
    TestBroker withPrincipal(final String principal) {
        final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try {
            Files.writeString(settings.credentialsDir().resolve(principal), password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        passwords.put(principal, password);
        return this;
    }

    TestBroker start() {
        broker = ChorusBroker.start(settings);
        settings = broker.settings();
        return this;
    }

    void restart() {
        broker.stop();
        start();
    }

    String uri() {
        return broker.mqttUri();
    }

    /** A connected MQTT 5 client for a principal; session kept when {@code cleanStart} is false. */
    MqttAsyncClient connect(final String principal, final String clientId, final boolean cleanStart)
            throws MqttException {
        return connect(principal, clientId, cleanStart, new Received());
    }

    MqttAsyncClient connect(
            final String principal, final String clientId, final boolean cleanStart, final Received received)
            throws MqttException {
        final MqttAsyncClient client = new MqttAsyncClient(uri(), clientId, new MemoryPersistence());
        client.setCallback(received);
        client.connect(options(principal, passwords.get(principal), cleanStart)).waitForCompletion(10_000);
        return client;
    }

    static MqttConnectionOptions options(final String user, final String password, final boolean cleanStart) {
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        if (password != null) {
            o.setPassword(password.getBytes());
        }
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        o.setAutomaticReconnect(false);
        return o;
    }

    static int firstReasonCode(final IMqttToken token) {
        return token.getReasonCodes()[0];
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.stop();
        }
    }
}
