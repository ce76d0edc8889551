package dev.chorus.broker;

import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.ModifiableConnectPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client ids the broker assigns to clients that send none (mosquitto_sub/pub without
 * {@code -i}, MQTT 5 "assigned client identifier"): HiveMQ names them {@code hmq_<node>_<n>_<hash>}
 * before any extension sees the CONNECT, so the reserved-id check judges the assigned id like
 * any other, and no principal may be named with this prefix (see {@link Acl}).
 *
 * <p>Such an id only ever names a fresh session that ends with its connection. The extension
 * cannot tell an assigned id from the same id sent on purpose, and a kept session (session
 * expiry above 0) is resumed, subscriptions included, by whoever connects with its id and
 * clean start off; those subscriptions were authorised for the client that made them, so
 * another principal who learned or guessed an operator's assigned id would receive what its
 * own ACL refuses. Forcing clean start and no session expiry for these ids leaves no such
 * session. A client that wants its session kept must choose its id (reserved ids are safe:
 * only their principal may use them).
 */
final class AssignedClientIds implements ConnectInboundInterceptor {

    /** How HiveMQ CE starts every id it assigns ({@code com.hivemq.util.ClientIds}). */
    static final String PREFIX = "hmq_";

    private static final Logger LOG = LoggerFactory.getLogger("dev.chorus.broker.security");

    static boolean isAssigned(final String clientId) {
        return clientId.startsWith(PREFIX);
    }

    @Override
    public void onConnect(final ConnectInboundInput in, final ConnectInboundOutput out) {
        final ModifiableConnectPacket connect = out.getConnectPacket();
        if (!isAssigned(connect.getClientId())) {
            return;
        }
        if (!connect.getCleanStart() || connect.getSessionExpiryInterval() != 0) {
            LOG.info(
                    "client '{}': a broker-assigned id gets a fresh session that ends with the connection"
                            + " (asked for clean start {}, session expiry {} s)",
                    connect.getClientId(),
                    connect.getCleanStart(),
                    connect.getSessionExpiryInterval());
            connect.setCleanStart(true);
            connect.setSessionExpiryInterval(0);
        }
    }
}
