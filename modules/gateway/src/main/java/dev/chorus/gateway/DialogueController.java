package dev.chorus.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.gateway.hermes.IntentService;
import dev.chorus.gateway.hermes.ListenService;
import dev.chorus.gateway.hermes.SessionBoard;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.Slot;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Understanding and conversations: {@code POST /api/intent} asks the NLU what a sentence means (nothing is spoken, no
 * session); {@code POST /api/sessions} starts a dialogue session on a site (push-to-talk: the site listens without a
 * wake word); {@code POST /api/sessions/listen} is push-to-talk: the body, a WAV of what the user said, is the site's
 * microphone for one session; {@code GET /api/sessions} is the live view of sessions per site.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class DialogueController {

    private final IntentService intents;
    private final SessionBoard sessions;
    private final ListenService listen;
    private final GatewaySettings settings;
    private final ObjectMapper mapper;

    DialogueController(
            IntentService intents,
            SessionBoard sessions,
            ListenService listen,
            GatewaySettings settings,
            ObjectMapper mapper) {
        this.intents = intents;
        this.sessions = sessions;
        this.listen = listen;
        this.settings = settings;
        this.mapper = mapper;
    }

    /** {@code POST /api/intent}'s answer; every key written, {@code null} included. */
    @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
    record IntentAnswer(boolean recognized, String input, Intent intent, List<Slot> slots) {}

    @Post("/intent")
    @Consumes(MediaType.APPLICATION_JSON)
    IntentAnswer intent(@Body @Nullable String body) {
        JsonBody json = JsonBody.parse(mapper, body);
        String text = json.requiredString("text");
        if (text.isBlank()) {
            throw Problem.invalid("text", "must not be empty");
        }
        if (text.length() > settings.maxTextChars()) {
            throw Problem.invalid(
                    "text", "longer than " + settings.maxTextChars() + " characters (" + text.length() + ")");
        }
        String siteId = site(json);
        List<String> filter = json.strings("intentFilter").orElse(null);
        Optional<NluIntentParsed> parsed = intents.recognize(text, siteId, filter);
        return new IntentAnswer(
                parsed.isPresent(),
                parsed.map(NluIntentParsed::input).orElse(text),
                parsed.map(NluIntentParsed::intent).orElse(null),
                parsed.map(p -> p.slots() == null ? List.<Slot>of() : p.slots()).orElse(List.of()));
    }

    @Post("/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<SessionBoard.Session> start(@Body @Nullable String body) {
        JsonBody json = JsonBody.parse(mapper, body);
        String siteId = site(json);
        String text = json.string("text").filter(t -> !t.isBlank()).orElse(null);
        if (text != null && text.length() > settings.maxTextChars()) {
            throw Problem.invalid(
                    "text", "longer than " + settings.maxTextChars() + " characters (" + text.length() + ")");
        }
        boolean notification = json.bool("notification").orElse(false);
        if (notification && text == null) {
            throw Problem.invalid("text", "a notification needs a text to speak");
        }
        SessionInit init = notification
                ? new SessionInit.Notification(text)
                : new SessionInit.Action(
                        json.bool("canBeEnqueued").orElse(true),
                        SessionInit.ACTION,
                        text,
                        json.strings("intentFilter").orElse(null),
                        false);
        SessionBoard.Session session = sessions.start(siteId, init);
        return HttpResponse.<SessionBoard.Session>status(HttpStatus.ACCEPTED).body(session);
    }

    /** Push-to-talk: the session as it ended (what was heard and understood) and where its answer's audio is. */
    @Post("/sessions/listen")
    @Consumes({"audio/wav", "audio/x-wav", "audio/wave", MediaType.APPLICATION_OCTET_STREAM})
    ListenService.Heard listen(@QueryValue @Nullable String siteId, @Body @Nullable byte[] wav) {
        String site = siteId == null ? Hermes.DEFAULT_SITE_ID : siteId;
        if (!SayController.isTopicLevel(site)) {
            throw Problem.invalid("siteId", "must be a non-empty MQTT topic level (no /, + or #)");
        }
        if (wav == null || wav.length == 0) {
            throw Problem.invalid("body", "a WAV recording is needed");
        }
        return listen.listen(site, wav);
    }

    /** What the site played during a push-to-talk session (feedback sounds and the answer), one WAV. */
    @Get("/sessions/{sessionId}/audio")
    HttpResponse<byte[]> answer(@PathVariable String sessionId) {
        byte[] wav = listen.answer(sessionId)
                .orElseThrow(() -> Problem.notFound("no audio kept for session " + sessionId
                        + " (only push-to-talk sessions keep it, the last " + ListenService.KEPT + ")"));
        return HttpResponse.ok(wav).contentType(new MediaType("audio/wav"));
    }

    @Get("/sessions")
    Map<String, Object> sessions() {
        return Map.of("sites", sessions.sites());
    }

    private static String site(JsonBody json) {
        String siteId = json.string("siteId").orElse(Hermes.DEFAULT_SITE_ID);
        if (!SayController.isTopicLevel(siteId)) {
            throw Problem.invalid("siteId", "must be a non-empty MQTT topic level (no /, + or #)");
        }
        return siteId;
    }
}
