package dev.chorus.gateway;

import dev.chorus.protocol.env.EnvSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

@Factory
class GatewayBeans {

    @Singleton
    GatewaySettings gatewaySettings(EnvSource env) {
        return GatewaySettingsLoader.load(env);
    }

    /** Port and body limit come from CHORUS_GATEWAY_* (through EnvSource), not from Micronaut properties. */
    @Singleton
    static class ServerConfigurer implements BeanCreatedEventListener<HttpServerConfiguration> {

        private final Provider<GatewaySettings> settings;

        ServerConfigurer(Provider<GatewaySettings> settings) {
            this.settings = settings;
        }

        @Override
        public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
            HttpServerConfiguration config = event.getBean();
            GatewaySettings s = settings.get();
            s.port().ifPresent(config::setPort);
            config.setMaxRequestSize(s.maxBodyBytes());
            return config;
        }
    }
}
