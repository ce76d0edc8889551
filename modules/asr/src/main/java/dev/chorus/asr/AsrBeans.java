package dev.chorus.asr;

import dev.chorus.asr.decode.DecoderPool;
import dev.chorus.asr.decode.Grammars;
import dev.chorus.asr.decode.Rejection;
import dev.chorus.asr.decode.SphinxRecognizer;
import dev.chorus.asr.listen.Sessions;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.protocol.toggle.SiteToggles;
import dev.chorus.runtime.config.ModuleSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The settings, the toggles, the grammars and the decoders (whose models start loading when the module starts). */
@Factory
class AsrBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AsrBeans.class);

    @Singleton
    AsrSettings asrSettings(EnvSource env, ModuleSettings module) {
        return AsrSettingsLoader.load(env, module.dataDir());
    }

    /** One set of toggle reasons per site, shared by the toggle listeners and the sessions. */
    @Singleton
    SiteToggles siteToggles() {
        return new SiteToggles();
    }

    /**
     * The sessions' gauge, bound when Micronaut builds its registry. A bean that depends on {@link Sessions}, not
     * a registry in Sessions, which would move it in the shutdown order; only with the runtime on. The runtime's
     * MqttMeterBinder says why, for both.
     */
    @Singleton
    @Requires(property = "chorus.mqtt.enabled", notEquals = "false")
    MeterBinder sessionMeters(Sessions sessions) {
        return registry -> Gauge.builder("chorus.asr.sessions", sessions, Sessions::open)
                .description("listening sessions open (startListening without its textCaptured yet)")
                .register(registry);
    }

    @Singleton
    Grammars grammars(AsrSettings settings) {
        return new Grammars(settings.grammarCacheSize());
    }

    @Context
    @Bean(preDestroy = "close")
    DecoderPool decoderPool(AsrSettings settings) {
        Path dir = settings.grammarDir();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("CHORUS_DATA_DIR", "cannot use " + dir + " for recognition grammars: " + e);
        }
        LOG.info(
                "{} decoder(s), {} utterance(s) queued at most, VAD {} dB over the noise floor, {} ms trailing silence",
                settings.decoders(),
                settings.queueSize(),
                settings.thresholdDb(),
                settings.silence().toMillis());
        return new DecoderPool(
                settings.decoders(),
                settings.queueSize(),
                dir,
                new Rejection(
                        settings.rejectOutOfGrammar() ? SphinxRecognizer.OUT_OF_GRAMMAR_PROBABILITY : 0,
                        settings.rejectOutOfDomain() ? settings.outOfDomainThreshold() : Double.NaN));
    }
}
