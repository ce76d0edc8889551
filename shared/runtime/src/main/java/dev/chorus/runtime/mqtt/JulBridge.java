package dev.chorus.runtime.mqtt;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Paho logs through java.util.logging; route it to SLF4J/logback so one config quiets everything. */
final class JulBridge {

    private JulBridge() {}

    static synchronized void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
