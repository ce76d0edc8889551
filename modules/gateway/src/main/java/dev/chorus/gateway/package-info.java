/**
 * The gateway module: HTTP API, Server-Sent Events of the MQTT traffic and the web console.
 *
 * <p>Every bean of this package exists only in the context of the module named {@code gateway}: tests run
 * other modules' contexts (tts) in the same JVM, with the gateway's classes on the class path.
 */
@Configuration
@Requires(property = "micronaut.application.name", value = "gateway")
package dev.chorus.gateway;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
