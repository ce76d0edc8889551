package dev.chorus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.junit.jupiter.api.Test;

/**
 * protocol runs on the Micronaut platform's Jackson here and in the modules; the broker is
 * outside that BOM and pins {@code jackson.version} (root pom) instead. After a platform
 * upgrade this fails until the two agree again, so protocol never runs on a Jackson in the
 * broker that it was not tested with.
 */
class JacksonVersionTest {

    @Test
    void brokerPinsTheJacksonProtocolIsBuiltWith() {
        String pinned = System.getProperty("chorus.broker.jackson.version");
        assumeTrue(pinned != null, "set by Maven (shared/protocol/pom.xml)");
        assertThat(PackageVersion.VERSION.toString())
                .as("jackson.version in the root pom must be the Micronaut platform's Jackson")
                .isEqualTo(pinned);
    }
}
