package dev.chorus.gateway;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishing for an HTTP request: refused at once while offline, and the broker's answer as a problem. */
public final class Publishing {

    private Publishing() {}

    public static void requireBroker(ChorusMqtt mqtt) {
        if (!mqtt.isConnected()) {
            throw Problem.brokerUnreachable("the gateway is not connected to the MQTT broker ("
                    + mqtt.settings().mqttUri() + "); try again shortly");
        }
    }

    /** Waits for the broker's acknowledgement (QoS 1/2) or the write (QoS 0). */
    public static void await(CompletableFuture<Void> publish, String topic, Duration timeout) {
        try {
            publish.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw problem(topic, e.getCause());
        } catch (TimeoutException e) {
            throw Problem.brokerUnreachable(
                    "the broker did not acknowledge the publish to " + topic + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.brokerUnreachable("interrupted");
        }
    }

    /** A refused publish (ACL: reason code 135) is 403; anything else means the broker is not there for us. */
    public static Problem problem(String topic, Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        if (message.contains("broker refused publish")) {
            return new Problem(
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "the broker refused the publish to " + topic + ": the gateway's ACL does not allow it (" + message
                            + ")");
        }
        return Problem.brokerUnreachable("publish to " + topic + " failed: " + message);
    }
}
