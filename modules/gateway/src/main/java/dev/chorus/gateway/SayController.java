package dev.chorus.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.gateway.hermes.Presets;
import dev.chorus.gateway.hermes.VoicesService;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.TtsPresets;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSaySites;
import dev.chorus.protocol.messages.Voices;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Speech through the tts module: {@code POST /api/say} (one site: {@code hermes/tts/say}; several, {@code siteIds}:
 * {@code chorus/tts/say}), its status and audio; the voices and presets to pick from.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class SayController {

    private final ChorusMqtt mqtt;
    private final SayStore store;
    private final VoicesService voices;
    private final Presets presets;
    private final GatewaySettings settings;
    private final ObjectMapper mapper;
    private final JsonCodec codec;

    SayController(
            ChorusMqtt mqtt,
            SayStore store,
            VoicesService voices,
            Presets presets,
            GatewaySettings settings,
            ObjectMapper mapper,
            JsonCodec codec) {
        this.codec = codec;
        this.mqtt = mqtt;
        this.store = store;
        this.voices = voices;
        this.presets = presets;
        this.settings = settings;
        this.mapper = mapper;
    }

    @Post("/say")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> say(@Body @Nullable String body) {
        JsonBody json = JsonBody.parse(mapper, body);
        String text = json.requiredString("text");
        Optional<String> oneSite = json.string("siteId");
        Optional<List<String>> manySites = json.strings("siteIds");
        if (oneSite.isPresent() && manySites.isPresent()) {
            throw Problem.invalid("siteIds", "give siteId or siteIds, not both");
        }
        List<String> siteIds = manySites.orElse(List.of(oneSite.orElse(Hermes.DEFAULT_SITE_ID)));
        String voice = json.string("voice").filter(v -> !v.isBlank()).orElse(null);
        String preset = json.string("preset").filter(p -> !p.isBlank()).orElse(null);
        if (text.isBlank()) {
            throw Problem.invalid("text", "must not be empty");
        }
        if (text.length() > settings.maxTextChars()) {
            throw Problem.invalid(
                    "text", "longer than " + settings.maxTextChars() + " characters (" + text.length() + ")");
        }
        String sitesField = manySites.isPresent() ? "siteIds" : "siteId";
        if (siteIds.isEmpty()) {
            throw Problem.invalid("siteIds", "name at least one site");
        }
        for (String site : siteIds) {
            if (!isTopicLevel(site)) {
                throw Problem.invalid(
                        sitesField,
                        (manySites.isPresent() ? "\"" + site + "\" " : "")
                                + "must be a non-empty MQTT topic level (no /, + or #)");
            }
        }
        if (new java.util.HashSet<>(siteIds).size() < siteIds.size()) {
            throw Problem.invalid("siteIds", "a site is named twice");
        }
        if (preset != null) {
            // checked when the tts module has announced its presets; until then it judges the preset itself
            presets.known().filter(known -> !known.contains(preset)).ifPresent(known -> {
                throw Problem.invalid("preset", "unknown preset \"" + preset + "\"; known: " + known.names());
            });
        }
        Publishing.requireBroker(mqtt);
        if (voice != null) {
            voices.knownVoices().ifPresent(known -> {
                if (known.stream().noneMatch(v -> v.voiceId().equals(voice))) {
                    throw Problem.invalid(
                            "voice",
                            "unknown voice \"" + voice + "\"; known: "
                                    + known.stream().map(Voices.Voice::voiceId).toList());
                }
            });
        }
        String id = UUID.randomUUID().toString();
        store.add(id, text, siteIds, voice, preset);
        // one site: the Hermes say; several: the Chorus one, rendered once and played on each
        boolean several = siteIds.size() > 1;
        String topic = several ? Topics.TTS_SAY_SITES : Topics.TTS_SAY;
        try {
            ObjectNode say = (ObjectNode) mapper.readTree(codec.encode(
                    several
                            ? new TtsSaySites(text, siteIds, null, id, null, null)
                            : new TtsSay(text, siteIds.get(0), null, id, null, null)));
            say.put("voice", voice); // Chorus keys the tts module reads (Rhasspy ignores them)
            say.put("preset", preset);
            Publishing.await(mqtt.publish(topic, mapper.writeValueAsBytes(say)), topic, settings.requestTimeout());
        } catch (Problem e) {
            store.failed(id, e.detail());
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("status", "/api/say/" + id);
        answer.put("audio", "/api/say/" + id + "/audio");
        return HttpResponse.<Map<String, Object>>status(HttpStatus.ACCEPTED)
                .body(answer)
                .headers(h -> h.location(URI.create("/api/say/" + id)));
    }

    @Get("/say")
    Map<String, Object> recent() {
        return Map.of("says", store.views());
    }

    @Get("/say/{id}")
    SayStore.View status(@PathVariable String id) {
        return store.view(id)
                .orElseThrow(() -> Problem.notFound(
                        "no say request " + id + " (unknown, or older than the last " + settings.sayHistory() + ")"));
    }

    @Get("/say/{id}/audio")
    HttpResponse<byte[]> audio(@PathVariable String id) {
        SayStore.View view = status(id);
        return store.wav(id)
                .map(wav -> HttpResponse.ok(wav)
                        .contentType(new MediaType("audio/wav"))
                        .header("Cache-Control", "private, max-age=3600")
                        .header("Content-Disposition", "inline; filename=\"say-" + id + ".wav\""))
                .orElseThrow(() -> switch (view.audio().state()) {
                    case pending ->
                        new Problem(
                                        HttpStatus.CONFLICT,
                                        "Conflict",
                                        "the audio of " + id + " is not ready yet (state " + view.state()
                                                + "); poll GET /api/say/" + id)
                                .with("state", view.state());
                    case evicted ->
                        new Problem(
                                HttpStatus.GONE,
                                "Gone",
                                "the audio of " + id
                                        + " was dropped to make room for newer audio (CHORUS_GATEWAY_SAY_HISTORY_BYTES)");
                    case too_large ->
                        new Problem(
                                HttpStatus.GONE,
                                "Gone",
                                "the audio of " + id
                                        + " is larger than CHORUS_GATEWAY_SAY_HISTORY_BYTES and was not kept");
                    default ->
                        new Problem(
                                        HttpStatus.CONFLICT,
                                        "Conflict",
                                        "say " + id + " has no audio (state " + view.state()
                                                + (view.error() != null ? ": " + view.error() : "") + ")")
                                .with("state", view.state());
                });
    }

    @Get("/voices")
    Map<String, Object> voices() {
        return Map.of("voices", voices.voices());
    }

    /** {@code GET /api/presets}; every key written, {@code null} and {@code []} included. */
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    record PresetsAnswer(boolean known, List<TtsPresets.Preset> presets, String defaultPreset) {}

    /** What the tts module announced on {@code chorus/tts/presets}; {@code known: false} until it has. */
    @Get("/presets")
    PresetsAnswer presets() {
        Optional<TtsPresets> known = presets.known();
        return new PresetsAnswer(
                known.isPresent(),
                known.map(TtsPresets::presets).orElse(List.of()),
                known.map(TtsPresets::defaultPreset).orElse(null));
    }

    static boolean isTopicLevel(String s) {
        return !s.isEmpty()
                && s.indexOf('/') < 0
                && s.indexOf('+') < 0
                && s.indexOf('#') < 0
                && s.indexOf('\0') < 0
                && s.getBytes(StandardCharsets.UTF_8).length <= 256;
    }
}
