package dev.chorus.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/events?topic=<filter>[&topic=<filter>…]}: Server-Sent Events of the MQTT traffic. Events:
 * {@code subscribed} (the filters), {@code message} (one per MQTT message, see {@link MessageSummary}),
 * {@code ping} every 15 s, {@code error} when the MQTT side ends.
 */
@Controller("/api/events")
class EventsController {

    private final EventStreams streams;

    EventsController(EventStreams streams) {
        this.streams = streams;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    Publisher<Event<Object>> events(@Nullable @QueryValue("topic") List<String> topic) {
        return streams.open(topic);
    }
}
