package dev.chorus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.gateway.hermes.TemplatesService;
import dev.chorus.protocol.messages.NluTemplates;
import dev.chorus.protocol.messages.NluTemplatesResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nlu module's sentence templates for the console's editor: {@code GET /api/templates} (the set in use and the
 * layer it comes from), {@code PUT /api/templates} (store in the nlu module's data folder and retrain; a set that does
 * not compile is a 422 listing file, line and reason, and the training in force stays).
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class TemplatesController {

    /** Far above any real template set; the broker's message limit is the real bound. */
    static final int MAX_FILES = 1000;

    private final TemplatesService templates;
    private final ObjectMapper mapper;

    TemplatesController(TemplatesService templates, ObjectMapper mapper) {
        this.templates = templates;
        this.mapper = mapper;
    }

    @Get("/templates")
    NluTemplates get() {
        return templates.get();
    }

    @Put("/templates")
    @Consumes(MediaType.APPLICATION_JSON)
    NluTemplatesResult put(@Body @Nullable String body) {
        JsonBody json = JsonBody.parse(mapper, body);
        JsonNode files = json.node("files").orElseThrow(() -> Problem.badRequest("files: required"));
        if (!files.isObject()) {
            throw Problem.badRequest("files: must be an object of file path to text, got " + JsonBody.kind(files));
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            if (!file.getValue().isTextual()) {
                throw Problem.badRequest(
                        "files." + file.getKey() + ": must be text, got " + JsonBody.kind(file.getValue()));
            }
            if (!file.getKey().equals("sentences.ini") && !file.getKey().matches("slots/[A-Za-z0-9_./-]+")
                    || file.getKey().contains("..")) {
                throw Problem.invalid("files", "\"" + file.getKey() + "\" is neither sentences.ini nor slots/<name>");
            }
            set.put(file.getKey(), file.getValue().textValue());
        }
        if (set.size() > MAX_FILES) {
            throw Problem.invalid("files", "more than " + MAX_FILES + " files");
        }
        if (!set.isEmpty() && !set.containsKey("sentences.ini")) {
            throw Problem.invalid("files", "sentences.ini is missing (an empty object removes the stored set)");
        }
        NluTemplatesResult result = templates.set(set);
        if (!result.ok()) {
            NluTemplatesResult.Problem first =
                    result.errors().isEmpty() ? null : result.errors().get(0);
            String where = first == null
                    ? ""
                    : ": " + first.file() + (first.line() > 0 ? ":" + first.line() : "") + ": " + first.reason();
            throw new Problem(
                            io.micronaut.http.HttpStatus.UNPROCESSABLE_ENTITY,
                            "Templates refused",
                            "the templates do not compile, nothing was changed" + where)
                    .with("errors", result.errors());
        }
        return result;
    }
}
