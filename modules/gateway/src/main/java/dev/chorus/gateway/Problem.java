package dev.chorus.gateway;

import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered as an RFC 9457 problem ({@code application/problem+json}): thrown anywhere in a request,
 * turned into the response by {@link ProblemHandler}.
 */
public class Problem extends RuntimeException {

    /** One wrong field: its JSON name and what is wrong with it. */
    public record FieldError(String field, String message) {}

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public static Problem badRequest(String detail) {
        return new Problem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    public static Problem invalid(String field, String message) {
        return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", field + ": " + message)
                .with("errors", List.of(new FieldError(field, message)));
    }

    public static Problem notFound(String detail) {
        return new Problem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static Problem brokerUnreachable(String detail) {
        return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Broker unreachable", detail);
    }

    public Problem with(String key, Object value) {
        extensions.put(key, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
