package dev.chorus.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.client.ChorusClient;
import dev.chorus.client.ChorusClientException;
import dev.chorus.client.ReceivedMessage;
import dev.chorus.client.RefusedException;
import dev.chorus.protocol.TopicFilters;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Server-Sent Events of the MQTT traffic. Each stream has its own short-lived MQTT connection as the gateway
 * principal (client id {@code gateway-events-<random>}, clean start, no session), subscribed to the stream's
 * filters only: the broker's ACL decides what the operator may watch (a refused filter is a 403 before the
 * stream starts), retained messages arrive as on any new subscription, and closing the stream unsubscribes
 * by disconnecting. The gateway's own persistent session is not touched.
 */
@Singleton
class EventStreams {

    /** What the gateway's ACL lets it watch; the default when a stream names no filter. */
    static final List<String> DEFAULT_FILTERS = List.of("chorus/status/+", "chorus/error/+", "hermes/#", "rhasspy/#");

    static final int BUFFER = 1024;
    static final Duration PING = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private final ModuleSettings module;
    private final ChorusMqtt mqtt;
    private final GatewaySettings settings;
    private final ObjectMapper mapper;
    private final Semaphore slots;

    EventStreams(ModuleSettings module, ChorusMqtt mqtt, GatewaySettings settings, ObjectMapper mapper) {
        this.module = module;
        this.mqtt = mqtt;
        this.settings = settings;
        this.mapper = mapper;
        this.slots = new Semaphore(settings.eventStreams());
    }

    /** Connects and subscribes (blocking), then the events; throws a {@link Problem} when it cannot. */
    Flux<Event<Object>> open(List<String> requested) {
        List<String> filters = requested == null
                ? List.of()
                : requested.stream().filter(f -> !f.isBlank()).distinct().toList();
        if (filters.isEmpty()) {
            filters = DEFAULT_FILTERS;
        }
        if (filters.size() > 16) {
            throw Problem.invalid("topic", "at most 16 filters per stream");
        }
        for (String f : filters) {
            if (!TopicFilters.isValidFilter(f) || f.startsWith("$share/") || f.indexOf('\0') >= 0) {
                throw Problem.invalid("topic", "not a valid MQTT topic filter: \"" + f + "\"");
            }
        }
        Publishing.requireBroker(mqtt);
        if (!slots.tryAcquire()) {
            throw new Problem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests",
                            settings.eventStreams()
                                    + " event streams are open already (CHORUS_GATEWAY_EVENT_STREAMS); close one")
                    .with("retryAfterSeconds", 5);
        }
        return stream(filters); // releases the slot itself, on failure or when the stream ends
    }

    int openStreams() {
        return settings.eventStreams() - slots.availablePermits();
    }

    private Flux<Event<Object>> stream(List<String> filters) {
        Sinks.Many<Event<Object>> sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<Event<Object>>get(BUFFER).get());
        Object lock = new Object();
        AtomicLong seq = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        String clientId = module.mqttUsername() + "-events-"
                + UUID.randomUUID().toString().substring(0, 8);
        Duration wait = settings.requestTimeout();
        ChorusClient client;
        try {
            client = ChorusClient.to(module.mqttUri().toString())
                    .login(module.mqttUsername(), module.mqttPassword().bytes())
                    .clientId(clientId)
                    .connectTimeout(wait)
                    .connect();
        } catch (IllegalArgumentException e) {
            slots.release();
            throw Problem.brokerUnreachable("cannot create an MQTT client: " + e.getMessage());
        } catch (ChorusClientException e) {
            slots.release();
            throw Problem.brokerUnreachable(
                    "cannot connect to the MQTT broker for the event stream: " + e.getMessage());
        }
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                slots.release();
                client.close();
                LOG.info("event stream {} closed", clientId);
            }
        };
        Consumer<ReceivedMessage> toSink = m -> {
            synchronized (lock) {
                long n = seq.incrementAndGet();
                MessageSummary data = MessageSummary.of(
                        n, m.topic(), m.payload(), m.qos(), m.retained(), m.contentType(), mapper, dropped.get());
                if (sink.tryEmitNext(Event.<Object>of(data).name("message").id(Long.toString(n)))
                        .isSuccess()) {
                    dropped.set(0);
                } else {
                    dropped.incrementAndGet();
                }
            }
        };
        client.lost().thenAccept(why -> {
            synchronized (lock) {
                sink.tryEmitNext(Event.<Object>of(Map.of("error", "MQTT connection lost: " + why))
                        .name("error"));
                sink.tryEmitComplete();
            }
        });
        try {
            ChorusClient.await(client.subscribe(filters, 0, toSink), wait);
        } catch (RefusedException e) {
            close.run();
            throw new Problem(
                            HttpStatus.FORBIDDEN,
                            "Forbidden",
                            "the broker refused to let the gateway watch " + e.refusedFilters() + " (its ACL allows "
                                    + DEFAULT_FILTERS + ")")
                    .with("refused", e.refusedFilters());
        } catch (ChorusClientException e) {
            close.run();
            throw Problem.brokerUnreachable("cannot subscribe for the event stream: " + e.getMessage());
        }
        LOG.info("event stream {} open on {}", clientId, filters);
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("filters", filters);
        hello.put("clientId", clientId);
        Flux<Event<Object>> pings = Flux.interval(PING, PING)
                .map(n -> Event.<Object>of(Map.of("at", java.time.Instant.now().toString()))
                        .name("ping"));
        Event<Object> end = Event.of("end"); // marks the end of the MQTT side: the pings stop with it
        return Flux.concat(
                        Flux.just(Event.<Object>of(hello).name("subscribed")),
                        Flux.merge(sink.asFlux().concatWith(Flux.just(end)), pings)
                                .takeWhile(e -> e != end))
                .doFinally(signal -> close.run());
    }
}
