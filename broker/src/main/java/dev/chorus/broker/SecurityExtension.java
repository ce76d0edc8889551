package dev.chorus.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.OverloadProtectionThrottlingLevel;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HiveMQ extension that makes the broker closed by default: every client must log
 * in with a principal's password, and every publish and subscribe is checked against the ACL.
 * A denied publish is answered with the MQTT 5 "not authorized" reason code (PUBACK) instead of
 * HiveMQ's default disconnect, so a misbehaving module learns why and stays connected; a denied
 * subscription gets SUBACK "not authorized"; a will outside the ACL refuses the connection.
 * A client id equal to an ACL principal's name, or starting with {@code <principal>-}, is
 * reserved for that principal (a satellite's {@code satellite-<site>-...} for {@code satellite-<site>},
 * {@link Acl#ownerOfClientId}); a satellite's publishes are confined to its site, by topic and, for
 * messages that name the site only in the payload, by the payload's {@code siteId} (or every entry of
 * {@code siteIds}, {@code chorus/tts/say}), refused with the same "not authorized"; a client that sends no id gets one assigned by the broker
 * ({@link AssignedClientIds}), which is checked the same way and is never a reserved one.
 */
final class SecurityExtension implements ExtensionMain {

    private static final Logger LOG = LoggerFactory.getLogger("dev.chorus.broker.security");
    private static final String PRINCIPAL = "chorus.principal";

    private final Credentials credentials;
    private final Acl acl;
    private final BrokerSettings settings;

    SecurityExtension(final Credentials credentials, final Acl acl, final BrokerSettings settings) {
        this.credentials = credentials;
        this.acl = acl;
        this.settings = settings;
    }

    @Override
    public void extensionStart(final ExtensionStartInput in, final ExtensionStartOutput out) {
        final SimpleAuthenticator authenticator = this::authenticate;
        final AclAuthorizer authorizer = new AclAuthorizer();
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        // The authorizer alone would disconnect an MQTT 5 client after any denied publish. The
        // interceptor runs first and refuses with a PUBACK "not authorized" instead, keeping the
        // connection; the authorizer remains the backstop (it also judges will messages).
        final PublishInboundInterceptor refuseOutsideAcl = this::refuseOutsideAcl;
        Services.initializerRegistry()
                .setClientInitializer((initializerInput, clientContext) ->
                        clientContext.addPublishInboundInterceptor(refuseOutsideAcl));
        // Runs on every CONNECT, before authentication: a broker-assigned id gets no kept session.
        final AssignedClientIds assignedClientIds = new AssignedClientIds();
        Services.interceptorRegistry().setConnectInboundInterceptorProvider(providerInput -> assignedClientIds);
    }

    @Override
    public void extensionStop(final ExtensionStopInput in, final ExtensionStopOutput out) {
        // Nothing to release: credentials and ACL are plain in-memory values.
    }

    private void authenticate(final SimpleAuthInput in, final SimpleAuthOutput out) {
        final ConnectPacket connect = in.getConnectPacket();
        final String clientId = connect.getClientId();
        final Optional<String> user = connect.getUserName();
        if (user.isEmpty()
                || connect.getPassword().isEmpty()
                || !credentials.accepts(user.get(), connect.getPassword().get())) {
            LOG.warn("refused client '{}': bad user name or password (user '{}')", clientId, user.orElse(""));
            out.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            return;
        }
        final String principal = user.get();
        final String owner = acl.ownerOfClientId(clientId);
        if (owner != null && !owner.equals(principal)) {
            // A module's client id names its persistent session; nobody else may take it over.
            LOG.warn("refused client '{}' of '{}': client id reserved for '{}'", clientId, principal, owner);
            out.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "client id reserved for " + owner);
            return;
        }
        in.getConnectionInformation().getConnectionAttributeStore().putAsString(PRINCIPAL, principal);
        out.getClientSettings().setClientQueueSizeMaximum(settings.maxQueuedMessages());
        out.getClientSettings().setClientReceiveMaximum(settings.receiveMaximum());
        out.getClientSettings().setOverloadProtectionThrottlingLevel(OverloadProtectionThrottlingLevel.DEFAULT);
        out.authenticateSuccessfully();
    }

    private void refuseOutsideAcl(final PublishInboundInput in, final PublishInboundOutput out) {
        final String principal = principalOf(in);
        final String topic = in.getPublishPacket().getTopic();
        if (principal == null
                || !acl.mayPublish(
                        principal, topic, in.getPublishPacket().getPayload().orElse(null))) {
            LOG.warn(
                    "denied publish of '{}' (client '{}') to '{}'",
                    principal,
                    in.getClientInformation().getClientId(),
                    topic);
            out.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "not authorized to publish to " + topic);
        }
    }

    private static String principalOf(final ClientBasedInput in) {
        return in.getConnectionInformation()
                .getConnectionAttributeStore()
                .getAsString(PRINCIPAL)
                .orElse(null);
    }

    /** Judges every PUBLISH (the will included) and SUBSCRIBE against the ACL; HiveMQ asks one provider for both. */
    private final class AclAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

        @Override
        public void authorizePublish(final PublishAuthorizerInput in, final PublishAuthorizerOutput out) {
            final String principal = principalOf(in);
            final String topic = in.getPublishPacket().getTopic();
            if (principal != null
                    && acl.mayPublish(
                            principal, topic, in.getPublishPacket().getPayload().orElse(null))) {
                out.authorizeSuccessfully();
                return;
            }
            LOG.warn(
                    "denied publish of '{}' (client '{}') to '{}'",
                    principal,
                    in.getClientInformation().getClientId(),
                    topic);
            out.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not authorized to publish to " + topic);
        }

        @Override
        public void authorizeSubscribe(final SubscriptionAuthorizerInput in, final SubscriptionAuthorizerOutput out) {
            final String principal = principalOf(in);
            final String filter = in.getSubscription().getTopicFilter();
            if (principal != null && acl.maySubscribe(principal, filter)) {
                out.authorizeSuccessfully();
                return;
            }
            LOG.warn(
                    "denied subscribe of '{}' (client '{}') to '{}'",
                    principal,
                    in.getClientInformation().getClientId(),
                    filter);
            out.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized to subscribe to " + filter);
        }
    }
}
