package dev.chorus.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connecting without a broker; everything with one is in the test kit's ChorusClientTest. */
@Timeout(60)
class ChorusClientConnectTest {

    @Test
    void notATcpOrSslUriIsAnIllegalArgument() {
        for (final String uri : new String[] {"http://localhost:1883", "tcp:/nohost", "not a uri", "localhost:1883"}) {
            assertThatThrownBy(() -> ChorusClient.to(uri).connect())
                    .as(uri)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tcp://");
        }
    }

    @Test
    void nobodyListeningIsAClientExceptionNamingTheCause() throws IOException {
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free again once closed
        }
        assertThatThrownBy(() -> ChorusClient.to("tcp://127.0.0.1:" + port)
                        .login("cli", "x".getBytes(StandardCharsets.UTF_8))
                        .connectTimeout(Duration.ofSeconds(2))
                        .connect())
                .isInstanceOf(ChorusClientException.class)
                .matches(e -> !((ChorusClientException) e).loginRefused())
                .hasMessageNotContaining("\n");
    }
}
