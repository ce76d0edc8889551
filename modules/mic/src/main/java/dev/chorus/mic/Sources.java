package dev.chorus.mic;

import dev.chorus.mic.MicSettings.Source;
import dev.chorus.mic.hermes.Frames;
import dev.chorus.mic.hermes.Reports;
import dev.chorus.mic.source.DeviceSource;
import dev.chorus.mic.source.FileSource;
import dev.chorus.mic.source.UdpSource;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvVars;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sources of {@code CHORUS_MIC_SOURCE}, started with the module (eagerly: nothing else asks for them). */
@Context
public class Sources implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final FileSource files;
    private final UdpSource udp;
    private final DeviceSource device;

    public Sources(MicSettings settings, Listening listening, Frames frames, Reports reports) {
        try {
            files = settings.uses(Source.FILE) ? track(new FileSource(settings, listening, frames, reports)) : null;
        } catch (IOException e) {
            throw new ConfigException(EnvVars.DATA_DIR, "cannot use " + settings.inboxDir() + " as the inbox: " + e);
        }
        try {
            udp = settings.uses(Source.UDP) ? track(new UdpSource(settings, listening, frames)) : null;
        } catch (IOException e) {
            close();
            throw new ConfigException(
                    MicSettingsLoader.UDP_PORT,
                    "cannot receive on UDP port " + settings.udpPort().orElseThrow() + ": " + e);
        }
        try {
            device = settings.uses(Source.DEVICE) ? track(DeviceSource.open(settings, listening, frames)) : null;
        } catch (RuntimeException e) {
            close(); // the UDP port is bound already
            throw e;
        }
        file().ifPresent(FileSource::start);
        udp().ifPresent(UdpSource::start);
        device().ifPresent(DeviceSource::start);
    }

    public Optional<FileSource> file() {
        return Optional.ofNullable(files);
    }

    public Optional<UdpSource> udp() {
        return Optional.ofNullable(udp);
    }

    public Optional<DeviceSource> device() {
        return Optional.ofNullable(device);
    }

    private <T extends AutoCloseable> T track(T source) {
        open.add(source);
        return source;
    }

    @PreDestroy
    @Override
    public void close() {
        for (AutoCloseable source : open) {
            try {
                source.close();
            } catch (Exception e) {
                // closing the others matters more
            }
        }
        open.clear();
    }
}
