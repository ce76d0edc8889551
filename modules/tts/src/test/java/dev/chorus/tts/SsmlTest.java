package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SsmlTest {

    private static final Locale EN = Locale.forLanguageTag("en-US");

    @Test
    void recognisesSsml() {
        assertThat(Ssml.looksLikeSsml("<speak>Hi</speak>")).isTrue();
        assertThat(Ssml.looksLikeSsml("  <?xml version=\"1.0\"?>\n<speak version=\"1.0\">Hi</speak>"))
                .isTrue();
        assertThat(Ssml.looksLikeSsml("<speaker> is a word")).isFalse();
        assertThat(Ssml.looksLikeSsml("5 < 6 and speak")).isFalse();
    }

    @Test
    void addsNamespaceAndLanguage() {
        final Document doc = Ssml.parse("<speak>Hello <break time=\"300ms\"/> there</speak>", EN);
        final String xml = Ssml.serialize(doc);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(Ssml.NAMESPACE);
        assertThat(doc.getElementsByTagNameNS(Ssml.NAMESPACE, "break").getLength())
                .isEqualTo(1);
        assertThat(xml).contains("xml:lang=\"en-US\"");
    }

    @Test
    void lexiconTouchesTextButNotMarkupOrPhonemes() {
        final Document doc = Ssml.parse(
                "<speak><s>MQTT</s><phoneme ph=\"x\">MQTT</phoneme>"
                        + "<say-as interpret-as=\"MQTT\">MQTT</say-as></speak>",
                EN);
        Ssml.applyLexicon(doc, Lexicon.parse("MQTT = M Q T T\n"), EN);
        final String xml = Ssml.serialize(doc);
        assertThat(xml)
                .contains("<s>M Q T T</s>")
                .contains(">MQTT</phoneme>")
                .contains("interpret-as=\"MQTT\">M Q T T</say-as>");
    }

    @Test
    void prosodyRateWrapsTheContentOfACopy() {
        final Document doc = Ssml.fromText("a < b & c", EN);
        final Document slow = Ssml.withProsodyRate(doc, "-25.00%");
        assertThat(Ssml.serialize(slow)).contains("<prosody rate=\"-25.00%\">a &lt; b &amp; c</prosody>");
        assertThat(Ssml.serialize(doc)).doesNotContain("prosody");
    }

    @Test
    void invalidSsmlIsAClearError() {
        assertThatThrownBy(() -> Ssml.parse("<speak>Hello <break></speak>", EN))
                .isInstanceOf(TtsException.InvalidSsml.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> Ssml.parse("<speak>unclosed", EN)).isInstanceOf(TtsException.InvalidSsml.class);
        assertThatThrownBy(() -> Ssml.parse("<?xml version=\"1.0\"?><voice>x</voice>", EN))
                .isInstanceOf(TtsException.InvalidSsml.class)
                .hasMessageContaining("<speak>");
        assertThatThrownBy(() -> Ssml.parse("<speak xmlns=\"urn:other\">x</speak>", EN))
                .isInstanceOf(TtsException.InvalidSsml.class)
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> Ssml.parse(
                        "<!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + "<speak>&x;</speak>", EN))
                .isInstanceOf(TtsException.InvalidSsml.class);
        assertThatThrownBy(() -> Ssml.parse("<speak> <break/> </speak>", EN))
                .isInstanceOf(TtsException.InvalidRequest.class);
    }
}
