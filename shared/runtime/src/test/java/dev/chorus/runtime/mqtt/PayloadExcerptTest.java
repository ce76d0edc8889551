package dev.chorus.runtime.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadExcerptTest {

    @Test
    void shortTextAsIs() {
        assertThat(PayloadExcerpt.of("{\"text\": 5}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"text\": 5}");
        assertThat(PayloadExcerpt.of(new byte[0])).isEmpty();
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(PayloadExcerpt.of("a\nb\tc\u0001d".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a\\nb\\tc\\u0001d");
    }

    @Test
    void longTextIsCut() {
        String excerpt = PayloadExcerpt.of("é".repeat(5000).getBytes(StandardCharsets.UTF_8));
        assertThat(excerpt)
                .startsWith("é".repeat(200))
                .endsWith("… (10000 bytes)")
                .hasSize(200 + " … (10000 bytes)".length() - 1);
    }

    @Test
    void binaryIsSummarised() {
        byte[] wav = new byte[1 << 20];
        wav[0] = 'R';
        wav[1] = 'I';
        wav[2] = (byte) 0xFF;
        assertThat(PayloadExcerpt.of(wav))
                .startsWith("<binary, 1048576 bytes: 52 49 ff 00")
                .endsWith("…>");
        assertThat(PayloadExcerpt.of(new byte[] {(byte) 0xC3, 0x28})).isEqualTo("<binary, 2 bytes: c3 28>");
    }
}
