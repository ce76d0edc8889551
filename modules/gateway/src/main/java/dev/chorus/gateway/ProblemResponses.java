package dev.chorus.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the gateway answers is an RFC 9457 problem: {@code type}, {@code title}, {@code status},
 * {@code detail}, {@code instance} (the request path), plus extensions such as {@code errors}. Replaces
 * Micronaut's default error bodies (so 404, 405, 413, 415 and conversion errors look the same) and never
 * shows a stack trace: an unexpected exception is logged with an id, and the answer names only the id.
 */
@Singleton
class ProblemResponses implements ErrorResponseProcessor<Object> {

    static final MediaType PROBLEM_JSON = new MediaType("application/problem+json");
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        String detail;
        if (status.getCode() >= 500 && status != HttpStatus.SERVICE_UNAVAILABLE) {
            String incident = UUID.randomUUID().toString();
            LOG.error(
                    "internal error {} on {} {}",
                    incident,
                    context.getRequest().getMethodName(),
                    context.getRequest().getPath(),
                    context.getRootCause().orElse(null));
            detail = "internal error " + incident + " (details in the gateway's log)";
        } else {
            detail = context.getErrors().isEmpty()
                    ? status.getReason()
                    : context.getErrors().get(0).getMessage();
            if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
                detail = "request body too large: " + detail;
            } else if (status == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
                detail = "unsupported Content-Type "
                        + context.getRequest()
                                .getContentType()
                                .map(MediaType::toString)
                                .orElse("(none)") + "; send application/json";
            }
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
        return write(r, status, status.getReason(), detail, context.getRequest(), Map.of());
    }

    MutableHttpResponse<Object> write(
            MutableHttpResponse<Object> response,
            HttpStatus status,
            String title,
            String detail,
            HttpRequest<?> request,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", detail);
        body.put("instance", request.getPath());
        body.putAll(extensions);
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            json = ("{\"title\":\"" + status.getReason() + "\",\"status\":" + status.getCode() + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return response.status(status).contentType(PROBLEM_JSON).body(json);
    }

    MutableHttpResponse<Object> of(Problem problem, HttpRequest<?> request) {
        return write(
                HttpResponse.status(problem.status()),
                problem.status(),
                problem.title(),
                problem.detail(),
                request,
                problem.extensions());
    }

    /** {@link Problem}s thrown by controllers and filters. */
    @Singleton
    @Produces
    static class Handler implements ExceptionHandler<Problem, HttpResponse<?>> {

        private final ProblemResponses problems;

        Handler(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Problem problem) {
            MutableHttpResponse<Object> r = problems.of(problem, request);
            if (problem.status() == HttpStatus.UNAUTHORIZED) {
                r.header("WWW-Authenticate", "Bearer realm=\"chorus\"");
            }
            Object retry = problem.extensions().get("retryAfterSeconds");
            if (retry != null) {
                r.header("Retry-After", retry.toString());
            }
            return r;
        }
    }
}
