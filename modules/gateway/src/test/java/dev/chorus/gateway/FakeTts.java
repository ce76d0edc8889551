package dev.chorus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.GetVoices;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsPresets;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.protocol.messages.Voices;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.TestMqttClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tts module's part in the gateway's tests, on the real broker as principal {@code tts}, doing on the wire what
 * the tts module does (modules/tts/README.md), with a tone instead of speech:
 * <ul>
 *   <li>announces its presets, retained on {@code chorus/tts/presets} (unless started {@link #silent});</li>
 *   <li>answers {@code rhasspy/tts/getVoices};</li>
 *   <li>speaks a say: one playBytes per sentence ({@code <id>-0}, …, {@code <id>} last; a {@value #SENTENCE_MS} ms
 *       tone each), then sayFinished once every playFinished is back (or after 10 s);</li>
 *   <li>with {@link #onSeveralSites}, also {@code chorus/tts/say}: the same playBytes on each of its sites, and a
 *       sayFinished per site once that site's are played;</li>
 *   <li>refuses an unknown voice or preset, or a text over {@value #MAX_TEXT_CHARS} characters, with
 *       {@code hermes/error/tts} (context = the say's id), then sayFinished (one per site).</li>
 * </ul>
 * The real tts ↔ gateway path is covered by the container system tests.
 */
final class FakeTts implements AutoCloseable {

    static final TtsPresets PRESETS = new TtsPresets(
            List.of(
                    new TtsPresets.Preset("default", "the voice as it is"),
                    new TtsPresets.Preset("slow", "about 25% slower"),
                    new TtsPresets.Preset("fast", "about 30% faster"),
                    new TtsPresets.Preset("robot", "robot voice")),
            "default");
    static final List<Voices.Voice> VOICES = List.of(new Voices.Voice("cmu-slt-hsmm", "CMU SLT, US English, female"));
    static final int MAX_TEXT_CHARS = 2000;
    static final int SENTENCE_MS = 1200;

    private final FakeModule module;
    private final Map<String, CompletableFuture<Void>> playing = new ConcurrentHashMap<>();
    private final AtomicInteger says = new AtomicInteger();
    private volatile TtsPresets presets = PRESETS;

    private FakeTts(FakeModule module) {
        this.module = module;
    }

    /** Connects, announces {@link #PRESETS} and serves. */
    static FakeTts start(InProcessBroker broker) {
        FakeTts tts = silent(broker);
        tts.announce(PRESETS);
        return tts;
    }

    /** Connects and serves, but announces no presets (yet). */
    static FakeTts silent(InProcessBroker broker) {
        FakeModule module = FakeModule.start(broker, "tts");
        FakeTts tts = new FakeTts(module);
        module.on(Topics.TTS_GET_VOICES, tts::voices)
                .on(Topics.PLAY_FINISHED_FILTER, tts::playFinished)
                .on(Topics.TTS_SAY, m -> tts.say(m, false));
        return tts;
    }

    /**
     * Serves {@code chorus/tts/say} too. Not by default: a test that answers a say on several sites by hand
     * (GatewayApiTest) would get this fake's audio as well.
     */
    FakeTts onSeveralSites() {
        module.on(Topics.TTS_SAY_SITES, m -> say(m, true));
        return this;
    }

    /** Publishes {@code presets} retained on chorus/tts/presets, as the tts module does on connect. */
    void announce(TtsPresets presets) {
        this.presets = presets;
        module.publishRetainedJson(Topics.TTS_PRESETS, presets);
    }

    /** Publishes any payload retained on chorus/tts/presets (empty: clears it). */
    void announceRaw(byte[] payload) {
        module.publishRetained(Topics.TTS_PRESETS, payload);
    }

    /** Says received so far. */
    int says() {
        return says.get();
    }

    @Override
    public void close() {
        module.close();
    }

    private void voices(TestMqttClient.Received m) {
        GetVoices request = m.json(GetVoices.class);
        module.publishJson(Topics.TTS_VOICES, new Voices(VOICES, request.id(), request.siteId()));
    }

    private void playFinished(TestMqttClient.Received m) {
        String site = Topics.PLAY_FINISHED.extract(m.topic(), "siteId").orElseThrow();
        String id = m.json(dev.chorus.protocol.messages.PlayFinished.class).id();
        CompletableFuture<Void> done = playing.remove(site + "/" + id);
        if (done != null) {
            done.complete(null);
        }
    }

    /** A say: {@code hermes/tts/say} (one site, {@code siteId}) or {@code chorus/tts/say} ({@code siteIds}). */
    private void say(TestMqttClient.Received m, boolean severalSites) {
        says.incrementAndGet();
        JsonNode say;
        try {
            say = module.codec().mapper().readTree(m.payload());
        } catch (IOException e) {
            return; // the real module reports it on chorus/error/tts; the gateway never sends such a say
        }
        String text = say.path("text").asText("");
        List<String> siteIds = new ArrayList<>();
        if (severalSites) {
            say.path("siteIds").forEach(site -> siteIds.add(site.asText()));
        } else {
            siteIds.add(say.hasNonNull("siteId") ? say.get("siteId").asText() : "default");
        }
        String id = say.hasNonNull("id") ? say.get("id").asText() : null;
        String sessionId = say.hasNonNull("sessionId") ? say.get("sessionId").asText() : null;
        String voice = say.hasNonNull("voice") ? say.get("voice").asText() : null;
        String preset = say.hasNonNull("preset") ? say.get("preset").asText() : null;

        String refused = null;
        if (text.length() > MAX_TEXT_CHARS) {
            refused = "invalid-request: the text has " + text.length() + " characters, the limit is " + MAX_TEXT_CHARS;
        } else if (voice != null && VOICES.stream().noneMatch(v -> v.voiceId().equals(voice))) {
            refused = "unknown-voice: Unknown voice '" + voice + "'";
        } else if (preset != null && !presets.contains(preset)) {
            refused = "unknown-preset: Unknown preset '" + preset + "'; known: " + presets.names();
        }
        if (refused != null) {
            module.publishJson(Topics.ERROR_TTS, new HermesError(refused, siteIds.get(0), id, sessionId));
            for (String siteId : siteIds) {
                module.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished(siteId, id, sessionId));
            }
            return;
        }

        String requestId = id != null ? id : UUID.randomUUID().toString();
        List<String> sentences = new ArrayList<>();
        for (String s : text.split("(?<=[.!?])\\s+")) {
            if (!s.isBlank()) {
                sentences.add(s);
            }
        }
        for (String siteId : siteIds) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int k = 0; k < sentences.size(); k++) {
                String playId = k == sentences.size() - 1 ? requestId : requestId + "-" + k;
                CompletableFuture<Void> played = new CompletableFuture<>();
                // before the publish: a fast audio server may answer at once
                playing.put(siteId + "/" + playId, played);
                done.add(played);
                module.publish(Topics.playBytes(siteId, playId), tone(SENTENCE_MS));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, 10, TimeUnit.SECONDS)
                    .thenRunAsync(() ->
                            module.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished(siteId, id, sessionId)));
        }
    }

    /** A 16 kHz mono 16-bit WAV: a quiet 440 Hz tone. */
    static byte[] tone(int millis) {
        int frames = 16_000 * millis / 1000;
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (6000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0)));
        }
        return Wav.write(PcmFormat.mono16(16_000), pcm.array());
    }
}
