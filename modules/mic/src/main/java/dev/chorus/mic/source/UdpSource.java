package dev.chorus.mic.source;

import dev.chorus.mic.Listening;
import dev.chorus.mic.MicSettings;
import dev.chorus.mic.hermes.Frames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw PCM over UDP from satellites that only send audio: signed 16-bit little-endian, 16 kHz, mono, any datagram
 * size (an odd byte waits for the next datagram). The sender's address picks the site ({@code CHORUS_MIC_UDP_SITES});
 * without that list every sender is the module's site, and with it unknown senders are dropped (logged once each).
 * The sender's own pace is the clock: frames go out as the datagrams fill them.
 */
public final class UdpSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpSource.class);

    private final MicSettings settings;
    private final Listening listening;
    private final Frames frames;
    private final DatagramChannel channel;
    private final Thread receiver;
    /** Receiver thread only. */
    private final Map<String, FrameAssembler> assemblers = new HashMap<>();

    private final Set<String> unknownSenders = new HashSet<>();
    private volatile boolean closed;

    public UdpSource(MicSettings settings, Listening listening, Frames frames) throws IOException {
        this.settings = settings;
        this.listening = listening;
        this.frames = frames;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(settings.udpPort().orElseThrow()));
        this.receiver = Threads.named("mic-udp").newThread(this::receive);
    }

    public void start() {
        receiver.start();
        LOG.info(
                "receiving raw PCM (s16le, 16 kHz, mono) on UDP port {}, {}",
                port(),
                settings.udpSites().isEmpty()
                        ? "every sender is site " + settings.siteId()
                        : "sites " + settings.udpSites());
    }

    /** The bound port (the configured one). */
    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    private void receive() {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        while (!closed) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
                String siteId = siteOf(from);
                if (siteId != null) {
                    assemblers
                            .computeIfAbsent(
                                    siteId, s -> new FrameAssembler(s, settings.frameBytes(), listening, frames))
                            .push(buf.array(), 0, buf.position());
                }
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("UDP receive failed: {}", e.toString());
                }
            }
        }
    }

    private String siteOf(InetSocketAddress from) {
        if (settings.udpSites().isEmpty()) {
            return settings.siteId();
        }
        String address = from.getAddress().getHostAddress();
        String site = settings.udpSites().get(address);
        if (site == null && unknownSenders.size() < 1000 && unknownSenders.add(address)) {
            LOG.warn("dropping UDP audio from {}: not in CHORUS_MIC_UDP_SITES", address);
        }
        return site;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the UDP socket: {}", e.toString());
        }
    }
}
