package dev.chorus.broker;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricRegistryListener;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Timer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's metrics in Prometheus text at {@code GET /prometheus} on {@code CHORUS_BROKER_METRICS_PORT}: every
 * metric of HiveMQ's Dropwizard registry (connections, sessions, subscriptions, messages in and out, dropped and
 * queued messages, ...), bridged to Micrometer as it appears, and Micrometer's JVM binders (memory, GC, threads),
 * named like the modules' so one dashboard reads both. Served by the JDK's own HTTP server on one thread: a scrape
 * every few seconds needs no more, and the broker stays off Micronaut.
 *
 * <p>Bridging follows Prometheus' own Dropwizard exporter: a Dropwizard counter (it can go down) and a gauge become
 * gauges; a meter becomes a counter; a histogram or timer becomes a counter of its count plus a gauge per quantile
 * of its snapshot (timers in seconds).
 */
final class BrokerMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMetrics.class);
    static final String PATH = "/prometheus";
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricRegistry hive;
    private final Map<String, List<Meter>> bridged = new ConcurrentHashMap<>();
    private final Bridge bridge = new Bridge();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final HttpServer server;

    private BrokerMetrics(final MetricRegistry hive, final HttpServer server) {
        this.hive = hive;
        this.server = server;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        hive.addListener(bridge); // also announces every metric already there
    }

    /**
     * Binds {@code bindAddress:port} (0 picks a free port) and serves the scrape.
     *
     * @throws IOException when the port cannot be bound
     */
    static BrokerMetrics serve(final MetricRegistry hive, final String bindAddress, final int port) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        final BrokerMetrics metrics = new BrokerMetrics(hive, server);
        server.createContext(PATH, metrics::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "chorus-broker-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return metrics;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The Prometheus text, as served. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        hive.removeListener(bridge);
        gc.close();
        registry.close();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())
                    || !PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            final byte[] body;
            try {
                body = scrape().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                LOG.warn("metrics scrape failed: {}", e.toString());
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Adds the Micrometer meters for one Dropwizard metric; a name Prometheus refuses is skipped, not fatal. */
    private void add(final String name, final Metric metric) {
        final List<Meter> meters = new ArrayList<>();
        try {
            if (metric instanceof com.codahale.metrics.Gauge<?> g) {
                meters.add(Gauge.builder(name, g, BrokerMetrics::number)
                        .description(help(name))
                        .strongReference(true)
                        .register(registry));
            } else if (metric instanceof com.codahale.metrics.Counter c) {
                meters.add(Gauge.builder(name, c, com.codahale.metrics.Counter::getCount)
                        .description(help(name))
                        .strongReference(true)
                        .register(registry));
            } else if (metric instanceof com.codahale.metrics.Meter m) {
                meters.add(counter(name, m));
            } else if (metric instanceof Histogram || metric instanceof Timer) {
                final double scale = metric instanceof Timer ? 1e-9 : 1; // Dropwizard times in nanoseconds
                final String base = metric instanceof Timer ? name + ".seconds" : name;
                meters.add(counter(base + ".count", (Counting) metric));
                for (final double q : QUANTILES) {
                    meters.add(Gauge.builder(
                                    base,
                                    (Sampling) metric,
                                    s -> s.getSnapshot().getValue(q) * scale)
                            .description(help(name))
                            .tag("quantile", Double.toString(q))
                            .strongReference(true)
                            .register(registry));
                }
            }
            bridged.put(name, meters);
        } catch (RuntimeException e) {
            meters.forEach(registry::remove);
            LOG.debug("HiveMQ metric {} not exported: {}", name, e.toString());
        }
    }

    private FunctionCounter counter(final String name, final Counting counting) {
        return FunctionCounter.builder(name, counting, c -> c.getCount())
                .description(help(name))
                .register(registry);
    }

    /** HiveMQ's metrics have no descriptions: the help line names the original, to look it up in HiveMQ's docs. */
    private static String help(final String name) {
        return "HiveMQ: " + name;
    }

    private void remove(final String name) {
        final List<Meter> meters = bridged.remove(name);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    private static double number(final com.codahale.metrics.Gauge<?> gauge) {
        try {
            final Object value = gauge.getValue();
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            if (value instanceof Boolean b) {
                return b ? 1 : 0;
            }
        } catch (RuntimeException e) {
            LOG.debug("gauge failed: {}", e.toString());
        }
        return Double.NaN;
    }

    private final class Bridge implements MetricRegistryListener {
        @Override
        public void onGaugeAdded(final String name, final com.codahale.metrics.Gauge<?> gauge) {
            add(name, gauge);
        }

        @Override
        public void onGaugeRemoved(final String name) {
            remove(name);
        }

        @Override
        public void onCounterAdded(final String name, final com.codahale.metrics.Counter counter) {
            add(name, counter);
        }

        @Override
        public void onCounterRemoved(final String name) {
            remove(name);
        }

        @Override
        public void onHistogramAdded(final String name, final Histogram histogram) {
            add(name, histogram);
        }

        @Override
        public void onHistogramRemoved(final String name) {
            remove(name);
        }

        @Override
        public void onMeterAdded(final String name, final com.codahale.metrics.Meter meter) {
            add(name, meter);
        }

        @Override
        public void onMeterRemoved(final String name) {
            remove(name);
        }

        @Override
        public void onTimerAdded(final String name, final Timer timer) {
            add(name, timer);
        }

        @Override
        public void onTimerRemoved(final String name) {
            remove(name);
        }
    }
}
