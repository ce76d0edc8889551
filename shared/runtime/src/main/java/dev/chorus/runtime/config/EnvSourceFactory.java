package dev.chorus.runtime.config;

import dev.chorus.protocol.env.EnvSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

@Factory
class EnvSourceFactory {

    /** Secondary so that a test can replace it by registering any other EnvSource singleton. */
    @Singleton
    @Secondary
    EnvSource systemEnvironment() {
        return System::getenv;
    }
}
