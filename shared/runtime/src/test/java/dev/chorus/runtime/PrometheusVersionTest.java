package dev.chorus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus text format is declared on its own (the protobuf jar that used to bring it is left out, pom.xml),
 * so its version is pinned by hand ({@code prometheus.metrics.version}) while Micrometer brings the rest of the
 * Prometheus client from the Micronaut platform. After a platform upgrade this fails until the two agree again.
 */
class PrometheusVersionTest {

    @Test
    void textFormatsAreTheVersionOfThePrometheusClientMicrometerBrings() throws IOException {
        assertThat(version("prometheus-metrics-exposition-textformats"))
                .as("prometheus.metrics.version in the root pom must be the version of prometheus-metrics-core")
                .isEqualTo(version("prometheus-metrics-core"));
    }

    private static String version(final String artifact) throws IOException {
        final String path = "/META-INF/maven/io.prometheus/" + artifact + "/pom.properties";
        try (InputStream in = PrometheusVersionTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path + " on the class path").isNotNull();
            final Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
