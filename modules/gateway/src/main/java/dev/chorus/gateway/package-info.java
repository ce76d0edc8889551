/**
 * The gateway module: HTTP API, Server-Sent Events of the MQTT traffic and the web console. It knows the other
 * modules only through MQTT (their retained status, {@code chorus/tts/presets}, the Hermes topics), never
 * through their files or classes.
 */
package dev.chorus.gateway;
