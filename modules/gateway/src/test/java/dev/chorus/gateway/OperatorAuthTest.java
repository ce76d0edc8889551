package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorAuthTest {

    @TempDir
    Path dir;

    private OperatorAuth auth(String password, Instant now) {
        return new OperatorAuth(
                password.getBytes(StandardCharsets.UTF_8),
                dir.resolve("session.key"),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theTokenIsTheDocumentedHmacOfThePassword() {
        // printf %s chorus-gateway-api-token-v1 | openssl dgst -sha256 -hmac secret-password
        assertThat(auth("secret-password", Instant.now()).apiToken())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(OperatorAuth.hmac(
                                "secret-password".getBytes(StandardCharsets.UTF_8),
                                "chorus-gateway-api-token-v1".getBytes(StandardCharsets.UTF_8))))
                .hasSize(64);
        OperatorAuth a = auth("secret-password", Instant.now());
        assertThat(a.checkToken(a.apiToken())).isTrue();
        assertThat(a.checkToken(auth("other-password", Instant.now()).apiToken()))
                .isFalse();
    }

    @Test
    void passwordCheck() {
        OperatorAuth a = auth("secret-password", Instant.now());
        assertThat(a.checkPassword("operator", "secret-password")).isTrue();
        assertThat(a.checkPassword("operator", "secret-passwor")).isFalse();
        assertThat(a.checkPassword("root", "secret-password")).isFalse();
    }

    @Test
    void sessionsExpireSurviveRestartsAndEndWithANewPasswordOrLogout() throws Exception {
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        OperatorAuth a = auth("secret-password", t0);
        String cookie = a.newSession(3600).cookieValue();
        assertThat(a.checkSession(cookie)).hasValue(t0.plusSeconds(3600));
        assertThat(Files.getPosixFilePermissions(dir.resolve("session.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(auth("secret-password", t0.plusSeconds(10)).checkSession(cookie))
                .as("same key file")
                .isPresent();
        assertThat(auth("secret-password", t0.plusSeconds(3600)).checkSession(cookie))
                .as("expired")
                .isEmpty();
        assertThat(auth("new-password!", t0).checkSession(cookie))
                .as("new password")
                .isEmpty();
        assertThat(a.checkSession(cookie.replace("v1.", "v2."))).isEmpty();
        String[] parts = cookie.split("\\.");
        assertThat(a.checkSession("v1." + (Long.parseLong(parts[1]) + 999999) + "." + parts[2] + "." + parts[3]))
                .as("longer expiry")
                .isEmpty();
        a.logout(cookie);
        assertThat(a.checkSession(cookie)).isEmpty();
    }
}
