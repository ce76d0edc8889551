package dev.chorus.gateway;

import dev.chorus.runtime.config.ModuleSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the gateway: the operator, with the operator credential (the operator's MQTT password, read
 * from {@code CHORUS_GATEWAY_OPERATOR_PASSWORD_FILE}).
 *
 * <ul>
 *   <li><b>Login</b>: user {@code operator} and that password give a session cookie
 *       {@code v1.<expiry>.<nonce>.<mac>}, where mac = HMAC-SHA256 over {@code v1.<expiry>.<nonce>} with a key
 *       derived from the password and a random 32-byte key kept in {@code $CHORUS_DATA_DIR/session.key}.
 *       A new password or deleting session.key ends every session; logging out ends that one.</li>
 *   <li><b>API token</b>: {@code Authorization: Bearer <token>}, token = lowercase hex of
 *       HMAC-SHA256(key = operator password, message = {@value #TOKEN_MESSAGE}); anyone who has the password can
 *       compute it ({@code printf %s chorus-gateway-api-token-v1 | openssl dgst -sha256 -hmac "$PASSWORD"}),
 *       and it does not reveal the password.</li>
 * </ul>
 */
@Singleton
public class OperatorAuth {

    public static final String USER = "operator";
    public static final String TOKEN_MESSAGE = "chorus-gateway-api-token-v1";
    public static final String COOKIE = "chorus_session";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAuth.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] password;
    private final byte[] token;
    private final byte[] sessionKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Nonces of sessions that logged out, until they expire anyway. */
    private final Map<String, Long> loggedOut = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    OperatorAuth(GatewaySettings settings, ModuleSettings module) {
        this(settings.operatorPassword(), module.dataDir().resolve("session.key"), Clock.systemUTC());
    }

    OperatorAuth(byte[] password, Path keyFile, Clock clock) {
        this.password = password.clone();
        this.token = HexFormat.of()
                .formatHex(hmac(this.password, TOKEN_MESSAGE.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] stored = storedKey(keyFile, random);
        this.sessionKey = hmac(stored, concat("session-key|".getBytes(StandardCharsets.UTF_8), this.password));
        this.clock = clock;
    }

    /** The API token for this operator password (what {@code GET /api/token} shows). */
    public String apiToken() {
        return new String(token, StandardCharsets.US_ASCII);
    }

    public boolean checkPassword(String user, String candidate) {
        byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
        // compare both, always, in constant time
        boolean passwordOk = MessageDigest.isEqual(given, password);
        boolean userOk =
                MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), USER.getBytes(StandardCharsets.UTF_8));
        return passwordOk & userOk;
    }

    public boolean checkToken(String candidate) {
        return MessageDigest.isEqual(candidate.strip().getBytes(StandardCharsets.UTF_8), token);
    }

    /** A new session cookie value valid for {@code ttlSeconds}. */
    public Session newSession(long ttlSeconds) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        long expiry = clock.instant().getEpochSecond() + ttlSeconds;
        String body = "v1." + expiry + "." + B64.encodeToString(nonce);
        return new Session(
                body + "." + B64.encodeToString(hmac(sessionKey, body.getBytes(StandardCharsets.US_ASCII))),
                Instant.ofEpochSecond(expiry));
    }

    public record Session(String cookieValue, Instant expires) {}

    /** The session's expiry when the cookie value is genuine, unexpired and not logged out. */
    public Optional<Instant> checkSession(String cookieValue) {
        String[] parts = cookieValue.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] mac = B64.encodeToString(hmac(sessionKey, body.getBytes(StandardCharsets.US_ASCII)))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(mac, parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        if (expiry <= now || loggedOut.containsKey(parts[2])) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(expiry));
    }

    public void logout(String cookieValue) {
        if (checkSession(cookieValue).isPresent()) {
            String[] parts = cookieValue.split("\\.", -1);
            long now = clock.instant().getEpochSecond();
            loggedOut.values().removeIf(expiry -> expiry <= now);
            loggedOut.put(parts[2], Long.parseLong(parts[1]));
        }
    }

    private static byte[] storedKey(Path file, SecureRandom random) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == 32) {
                return Files.readAllBytes(file);
            }
            byte[] key = new byte[32];
            random.nextBytes(key);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(
                        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.write(tmp, key, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info("new session key in {} (console logins from before are no longer valid)", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the session key in " + file, e);
        }
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
