package dev.chorus.audio;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.config.ModuleSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The settings and the sink, both checked when the module starts. */
@Factory
class AudioBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AudioBeans.class);

    @Singleton
    AudioSettings audioSettings(EnvSource env, ModuleSettings module) {
        return AudioSettingsLoader.load(env, module.dataDir());
    }

    @Singleton
    @Bean(preDestroy = "close")
    AudioSink audioSink(AudioSettings settings) {
        AudioSink sink;
        if (settings.device().isPresent()) {
            sink = DeviceSink.open(settings.device().get());
        } else {
            try {
                sink = FolderSink.open(settings.playedDir(), settings.keepFiles(), settings.keepBytes());
            } catch (IOException e) {
                throw new ConfigException(
                        "CHORUS_DATA_DIR", "cannot use " + settings.playedDir() + " for played audio: " + e);
            }
        }
        LOG.info(
                "playing to {}; volume {}, {} requests per site, {} bytes queued at most, sites: {}",
                sink.describe(),
                settings.volume(),
                settings.queueSize(),
                settings.queueBytes(),
                settings.sites().isEmpty() ? "all" : String.join(",", settings.sites()));
        return sink;
    }
}
