package dev.chorus.protocol.env;

/**
 * A network address as {@code host:port} ({@link EnvReader#hostPort}).
 *
 * @param host a name, an IPv4 address, or an IPv6 address in brackets ({@code [::1]})
 * @param port 1..65535
 */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
