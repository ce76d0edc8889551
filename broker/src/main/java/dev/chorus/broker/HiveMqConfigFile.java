package dev.chorus.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes HiveMQ's {@code config.xml} from {@link BrokerSettings}. HiveMQ CE embedded has no
 * programmatic listener API, and its {@code ${ENV:..}} placeholders kill the JVM when a variable
 * is unset, so the file is rendered with concrete values at every start.
 */
final class HiveMqConfigFile {

    private HiveMqConfigFile() {}

    static void write(final Path configDir, final BrokerSettings s, final TlsKeystore keystore) throws IOException {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("config.xml"), render(s, keystore), StandardCharsets.UTF_8);
    }

    static String render(final BrokerSettings s, final TlsKeystore keystore) {
        final StringBuilder x = new StringBuilder(2048);
        x.append("<?xml version=\"1.0\"?>\n<hivemq>\n  <listeners>\n");
        x.append("    <tcp-listener><port>")
                .append(s.mqttPort())
                .append("</port>")
                .append(bind(s))
                .append("<name>mqtt</name></tcp-listener>\n");
        if (s.tlsPort() >= 0) {
            x.append("    <tls-tcp-listener><port>")
                    .append(s.tlsPort())
                    .append("</port>")
                    .append(bind(s))
                    .append("<name>mqtts</name>")
                    .append(tls(keystore))
                    .append("</tls-tcp-listener>\n");
        }
        if (s.websocketPort() >= 0) {
            x.append("    <websocket-listener><port>")
                    .append(s.websocketPort())
                    .append("</port>")
                    .append(bind(s))
                    .append("<name>websocket</name><path>")
                    .append(esc(s.websocketPath()))
                    .append("</path><subprotocols><subprotocol>mqttv3.1</subprotocol><subprotocol>mqtt</subprotocol>")
                    .append("</subprotocols><allow-extensions>true</allow-extensions></websocket-listener>\n");
        }
        x.append("  </listeners>\n  <mqtt>\n")
                .append("    <queued-messages><max-queue-size>")
                .append(s.maxQueuedMessages())
                .append("</max-queue-size><strategy>discard</strategy></queued-messages>\n")
                .append("    <session-expiry><max-interval>")
                .append(s.maxSessionExpiry())
                .append("</max-interval></session-expiry>\n")
                .append("    <packets><max-packet-size>")
                .append(s.maxPacketSize())
                .append("</max-packet-size></packets>\n")
                .append("    <receive-maximum><server-receive-maximum>")
                .append(s.receiveMaximum())
                .append("</server-receive-maximum></receive-maximum>\n")
                // No topic aliases from clients (CONNACK Topic Alias Maximum 0). Paho's MQTT 5 client
                // (1.2.5) strips the topic name from a publish it sends with an alias and, after a
                // reconnect, resends an unacknowledged one as stored: alias only, which the new connection
                // cannot resolve. The broker closes with a protocol error, Paho resends, forever: after a
                // broker crash such clients never came back (issue 12, BrokerKillTest). Our messages are
                // small and their topics short; the few bytes an alias saves are not worth it.
                .append("    <topic-alias><enabled>false</enabled></topic-alias>\n")
                .append("  </mqtt>\n  <restrictions>\n")
                .append("    <max-connections>")
                .append(s.maxConnections())
                .append("</max-connections>\n")
                .append("    <incoming-bandwidth-throttling>")
                .append(s.incomingBandwidth())
                .append("</incoming-bandwidth-throttling>\n")
                .append("    <no-connect-idle-timeout>10000</no-connect-idle-timeout>\n")
                .append("  </restrictions>\n")
                // Standard tools (mosquitto_sub/pub without -i) send no client id. HiveMQ then
                // assigns one (MQTT 5: in the CONNACK; 3.1.1: only with a clean session, as the
                // spec says) before the security extension sees it: see AssignedClientIds.
                .append(
                        "  <security><allow-empty-client-id><enabled>true</enabled></allow-empty-client-id></security>\n")
                .append("  <persistence><mode>")
                .append(s.persistence().hiveMqMode())
                .append("</mode></persistence>\n")
                .append("  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n")
                .append("</hivemq>\n");
        return x.toString();
    }

    private static String bind(final BrokerSettings s) {
        return "<bind-address>" + esc(s.bindAddress()) + "</bind-address>";
    }

    private static String tls(final TlsKeystore k) {
        return "<tls><keystore><path>" + esc(k.path().toString()) + "</path><password>" + esc(k.password())
                + "</password><private-key-password>" + esc(k.password())
                + "</private-key-password></keystore><protocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></protocols></tls>";
    }

    private static String esc(final String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
