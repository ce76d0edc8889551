package dev.chorus.gateway;

import dev.chorus.runtime.ChorusApplication;

/** The gateway module: HTTP API, live MQTT events and the web console (see modules/gateway/README.md). */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args, GatewaySettingsLoader::load);
    }
}
