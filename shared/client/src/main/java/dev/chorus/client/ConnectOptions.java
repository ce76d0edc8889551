package dev.chorus.client;

import dev.chorus.protocol.json.JsonCodec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how to connect, from {@link ChorusClient#to(String)}; {@link #connect()} opens the connection.
 * Defaults: clean start, session expiry 0, client id {@code <user>-<random>}, connect timeout 10 s, keep-alive 30 s.
 */
public final class ConnectOptions {

    final String uri;
    String username;
    byte[] password;
    String clientId;
    boolean cleanStart = true;
    Duration sessionExpiry = Duration.ZERO;
    Duration connectTimeout = Duration.ofSeconds(10);
    int keepAliveSeconds = 30;
    JsonCodec codec;
    SSLSocketFactory tls;

    ConnectOptions(final String uri) {
        this.uri = uri;
    }

    public ConnectOptions login(final String username, final byte[] password) {
        this.username = username;
        this.password = password == null ? null : password.clone();
        return this;
    }

    /**
     * The client id; by default {@code <user>-<random>}. An empty id asks the broker to assign one (if it
     * allows that): only with clean start.
     */
    public ConnectOptions clientId(final String clientId) {
        this.clientId = clientId;
        return this;
    }

    /**
     * Default true: a new session. With false, and a {@link #sessionExpiry}, the broker keeps the session;
     * messages it queued arrive right after the connect, and those no subscription of this client matches
     * yet are dropped (logged at DEBUG).
     */
    public ConnectOptions cleanStart(final boolean cleanStart) {
        this.cleanStart = cleanStart;
        return this;
    }

    /** Default 0: the session ends with the connection. */
    public ConnectOptions sessionExpiry(final Duration sessionExpiry) {
        this.sessionExpiry = sessionExpiry;
        return this;
    }

    /** How long to wait for the CONNACK (whole seconds, at least one); default 10 s. */
    public ConnectOptions connectTimeout(final Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /** Default 30 s. */
    public ConnectOptions keepAlive(final Duration keepAlive) {
        this.keepAliveSeconds = (int) Math.max(0, keepAlive.toSeconds());
        return this;
    }

    /** The JSON codec of {@link ChorusClient#publishJson} and {@link ChorusClient#subscribeJson}; default the stack's strict standalone one. */
    public ConnectOptions codec(final JsonCodec codec) {
        this.codec = codec;
        return this;
    }

    /** The TLS socket factory for {@code ssl://} (own trust store, client certificate); default the JVM's. */
    public ConnectOptions tls(final SSLSocketFactory tls) {
        this.tls = tls;
        return this;
    }

    /**
     * Connects and waits for the broker's answer.
     *
     * @throws IllegalArgumentException when the URI is not a usable {@code tcp://} or {@code ssl://} URI
     * @throws ChorusClientException    when the broker cannot be reached or refuses the connection
     *                                  ({@link ChorusClientException#loginRefused()})
     */
    public ChorusClient connect() {
        requireUri(uri);
        return ChorusClient.open(this);
    }

    private static void requireUri(final String uri) {
        final URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("not a valid tcp:// or ssl:// URI: \"" + uri + "\"");
        }
        if (!("tcp".equals(parsed.getScheme()) || "ssl".equals(parsed.getScheme())) || parsed.getHost() == null) {
            throw new IllegalArgumentException("not a valid tcp:// or ssl:// URI: \"" + uri + "\"");
        }
    }
}
