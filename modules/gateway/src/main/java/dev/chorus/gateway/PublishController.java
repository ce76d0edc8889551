package dev.chorus.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/publish {topic, payload?, payloadBase64?, qos?, retain?}}: an operator's message, published
 * as the gateway and so subject to the gateway's ACL. {@code payload} as a string is sent as its UTF-8 text,
 * any other JSON value as its JSON; {@code payloadBase64} carries binary data. A refusal by the broker is a 403;
 * it can only be seen with QoS 1 or 2 (the default is 1): with QoS 0 there is no acknowledgement.
 */
@Controller("/api/publish")
@ExecuteOn(TaskExecutors.BLOCKING)
class PublishController {

    private static final Logger LOG = LoggerFactory.getLogger(PublishController.class);

    private final ChorusMqtt mqtt;
    private final ObjectMapper mapper;
    private final GatewaySettings settings;

    PublishController(ChorusMqtt mqtt, ObjectMapper mapper, GatewaySettings settings) {
        this.mqtt = mqtt;
        this.mapper = mapper;
        this.settings = settings;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    Map<String, Object> publish(@Body @Nullable String body) {
        JsonBody json = JsonBody.parse(mapper, body);
        String topic = json.requiredString("topic");
        int qos = json.integer("qos").orElse(1);
        boolean retain = json.bool("retain").orElse(false);
        String base64 = json.string("payloadBase64").orElse(null);
        JsonNode payload = json.tree().get("payload");
        checkTopic(topic);
        if (qos < 0 || qos > 2) {
            throw Problem.invalid("qos", "must be 0, 1 or 2");
        }
        if (base64 != null && payload != null) {
            throw Problem.invalid("payloadBase64", "give payload or payloadBase64, not both");
        }
        byte[] bytes;
        if (base64 != null) {
            try {
                bytes = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw Problem.invalid("payloadBase64", "not valid base64: " + e.getMessage());
            }
        } else if (payload == null || payload.isMissingNode()) {
            bytes = new byte[0];
        } else if (payload.isTextual()) {
            bytes = payload.textValue().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = mapper.writeValueAsBytes(payload);
            } catch (JsonProcessingException e) {
                throw Problem.invalid("payload", "cannot be written as JSON");
            }
        }
        Publishing.requireBroker(mqtt);
        Publishing.await(mqtt.publish(topic, bytes, qos, retain), topic, settings.requestTimeout());
        LOG.info("operator published {} bytes to {} (QoS {}{})", bytes.length, topic, qos, retain ? ", retained" : "");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("topic", topic);
        answer.put("bytes", bytes.length);
        answer.put("qos", qos);
        answer.put("retain", retain);
        answer.put("acknowledged", qos > 0);
        return answer;
    }

    static void checkTopic(String topic) {
        if (topic.isEmpty()) {
            throw Problem.invalid("topic", "must not be empty");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw Problem.invalid("topic", "a topic to publish to has no wildcards (+ or #)");
        }
        if (topic.indexOf('\0') >= 0 || topic.startsWith("$")) {
            throw Problem.invalid("topic", "must not contain NUL or start with $");
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > 65535) {
            throw Problem.invalid("topic", "longer than 65535 bytes");
        }
    }
}
