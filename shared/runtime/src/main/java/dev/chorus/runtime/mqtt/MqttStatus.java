package dev.chorus.runtime.mqtt;

import java.time.Instant;

/**
 * The connection as seen by the health check.
 *
 * @param since     when the current state (connected or not) began
 * @param lastError why the last connection attempt failed or the connection was lost; null if none
 * @param queued    publishes waiting for the connection (offline buffer) or for a free in-flight slot
 */
public record MqttStatus(boolean connected, String uri, String clientId, Instant since, String lastError, int queued) {}
