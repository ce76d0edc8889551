package dev.chorus.tts.hermes;

import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * The engine and the settings, from the module's environment. A bad variable or a mistake in
 * a tts/ file stops the module at start with one line naming it (exit code 2).
 */
@Factory
class TtsBeans {

    @Singleton
    TtsConfig ttsConfig(final EnvSource env, final ModuleSettings module) {
        // CHORUS_DATA_DIR is read (and created) by the shared runtime: one data folder for everything
        return config(() -> TtsConfig.fromEnv(env).withDataDir(module.dataDir()));
    }

    @Singleton
    SayServiceSettings sayServiceSettings(final EnvSource env) {
        return config(() -> SayServiceSettings.fromEnv(env));
    }

    /** Loads tts/, starts and warms MaryTTS (seconds); MQTT connects only once this is done. */
    @Singleton
    @Bean(preDestroy = "close")
    TextToSpeech textToSpeech(final TtsConfig config) {
        return config(() -> TextToSpeech.start(config));
    }

    /**
     * The say queue's gauges, bound when Micronaut builds its registry. A bean that depends on {@link SiteQueues},
     * not a registry in SiteQueues, which would move it in the shutdown order; only with the runtime on. The
     * runtime's MqttMeterBinder says why, for both.
     */
    @Singleton
    @Requires(property = "chorus.mqtt.enabled", notEquals = "false")
    MeterBinder sayMeters(final SiteQueues queues) {
        return registry -> {
            Gauge.builder("chorus.tts.says", queues, SiteQueues::size)
                    .description("says accepted and not finished (being spoken or waiting for their site)")
                    .register(registry);
            Gauge.builder("chorus.tts.says.capacity", queues, SiteQueues::capacity)
                    .description("says accepted at most at once (CHORUS_TTS_QUEUE)")
                    .register(registry);
        };
    }

    private static <T> T config(final Supplier<T> read) {
        return TtsConfigCheck.read(read);
    }
}
