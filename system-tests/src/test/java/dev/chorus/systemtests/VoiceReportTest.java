package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The voice benchmark's figures from made-up results. */
class VoiceReportTest {

    private static final VoiceCommand LIGHT =
            new VoiceCommand("turn on the kitchen light", "ChangeLightState", Map.of("room", "kitchen", "state", "on"));

    private static VoiceResult result(String text, String intent, Map<String, String> slots, double answerMs) {
        return new VoiceResult(
                LIGHT, true, text, intent, slots, 0.05, 640.0, 200.0, 700.0, 900.0, 901.0, 950.0, 760.0, answerMs,
                "nominal", "say-1");
    }

    @Test
    void percentileIsTheNearestRank() {
        List<Double> v = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(VoiceReport.percentile(v, 50)).isEqualTo(5.0);
        assertThat(VoiceReport.percentile(v, 90)).isEqualTo(9.0);
        assertThat(VoiceReport.percentile(List.of(3.0), 90)).isEqualTo(3.0);
    }

    @Test
    void overheadIsEndToEndMinusVadWaitDecodeAndSynthesis() {
        VoiceResult r = result("turn on the kitchen light", "ChangeLightState", LIGHT.slots(), 1100.0);
        assertThat(r.computeMs()).isEqualTo(640.0 + 50.0 + 200.0);
        assertThat(r.overheadMs()).isCloseTo(210.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void accuracyCountsTranscriptIntentAndSlotsApart() {
        List<VoiceResult> rs = List.of(
                result("turn on the kitchen light", "ChangeLightState", LIGHT.slots(), 1000.0),
                result("turn on the garage light", "ChangeLightState", Map.of("room", "garage", "state", "on"), 1000.0),
                result("what time is it", "GetTime", Map.of(), 1000.0));
        String md = new VoiceReport(rs, 600).markdown();
        assertThat(md)
                .contains("| wake word detected | 3/3 (100 %) |")
                .contains("| transcript exactly the sentence | 1/3 (33 %) |")
                .contains("| intent right | 2/3 (67 %) |")
                .contains("| intent and every slot right | 1/3 (33 %) |")
                .contains("| slots right when the intent is right | 1/2 |");
    }
}
