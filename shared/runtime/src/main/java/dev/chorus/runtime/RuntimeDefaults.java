package dev.chorus.runtime;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.util.Map;

/**
 * Micronaut settings every module shares, set once here rather than in each module's application.yml (of
 * which Micronaut reads only the first on the classpath). They sit below every application.yml and the
 * environment, so a module could still override one.
 *
 * <p>Metrics: Micrometer with the Prometheus registry, served at {@code GET /prometheus} on the module's HTTP
 * port without authentication, like {@code /health}: the port is not published (docs/configuration.md,
 * "Metrics"). Micronaut applies configurers to every context it builds, the test harness's included.
 */
@ContextConfigurer
public final class RuntimeDefaults implements ApplicationContextConfigurer {

    static final String NAME = "chorus-runtime-defaults";

    static final Map<String, Object> PROPERTIES = Map.of(
            "micronaut.metrics.enabled", true,
            "micronaut.metrics.binders.jvm.enabled", true,
            "micronaut.metrics.export.prometheus.enabled", true,
            "micronaut.metrics.export.prometheus.descriptions", true,
            "endpoints.prometheus.enabled", true,
            "endpoints.prometheus.sensitive", false);

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(
                PropertySource.of(NAME, PROPERTIES, AbstractPropertySourceLoader.DEFAULT_POSITION - 100));
    }
}
