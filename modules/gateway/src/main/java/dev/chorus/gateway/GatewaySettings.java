package dev.chorus.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The gateway's own configuration ({@code CHORUS_GATEWAY_*}, see modules/gateway/CONFIG.md), validated
 * once by {@link GatewaySettingsLoader}.
 *
 * @param operatorPassword the operator credential: the console login password, and the key of the API token
 * @param port             HTTP port when {@code CHORUS_GATEWAY_PORT} is set, else empty (8080 from application.yml)
 * @param sessionTtl       how long a console login lasts
 * @param secureCookie     mark the session cookie {@code Secure} (set it when the gateway is behind HTTPS)
 * @param maxBodyBytes     largest request body accepted (413 beyond)
 * @param maxTextChars     longest say text accepted (422 beyond)
 * @param sayHistory       say requests kept in memory, newest first
 * @param sayHistoryBytes  audio bytes kept in memory over all kept say requests
 * @param sayTimeout       a say without sayFinished by then is failed
 * @param requestTimeout   wait for the broker's acknowledgement and for the tts module's answers
 * @param eventStreams     Server-Sent Events streams open at once
 */
public record GatewaySettings(
        byte[] operatorPassword,
        Optional<Integer> port,
        Duration sessionTtl,
        boolean secureCookie,
        int maxBodyBytes,
        int maxTextChars,
        int sayHistory,
        long sayHistoryBytes,
        Duration sayTimeout,
        Duration requestTimeout,
        int eventStreams) {

    public GatewaySettings {
        operatorPassword = operatorPassword.clone();
    }

    @Override
    public byte[] operatorPassword() {
        return operatorPassword.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewaySettings s
                && Arrays.equals(operatorPassword, s.operatorPassword)
                && port.equals(s.port)
                && sessionTtl.equals(s.sessionTtl)
                && secureCookie == s.secureCookie
                && maxBodyBytes == s.maxBodyBytes
                && maxTextChars == s.maxTextChars
                && sayHistory == s.sayHistory
                && sayHistoryBytes == s.sayHistoryBytes
                && sayTimeout.equals(s.sayTimeout)
                && requestTimeout.equals(s.requestTimeout)
                && eventStreams == s.eventStreams;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(port, sessionTtl, maxBodyBytes, sayHistory);
    }

    @Override
    public String toString() {
        return "GatewaySettings[operatorPassword=****, port=" + port + ", sessionTtl=" + sessionTtl
                + ", secureCookie=" + secureCookie + ", maxBodyBytes=" + maxBodyBytes + ", maxTextChars=" + maxTextChars
                + ", sayHistory=" + sayHistory + ", sayHistoryBytes=" + sayHistoryBytes + ", sayTimeout=" + sayTimeout
                + ", requestTimeout=" + requestTimeout + ", eventStreams=" + eventStreams + "]";
    }
}
