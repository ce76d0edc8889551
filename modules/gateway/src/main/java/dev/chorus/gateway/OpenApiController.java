package dev.chorus.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's OpenAPI 3.1 document (hand-written: src/main/resources/openapi/gateway.yml). */
@Controller("/api/openapi.yml")
class OpenApiController {

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi/gateway.yml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/gateway.yml missing from the jar");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get
    HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(new MediaType("application/yaml"));
    }
}
