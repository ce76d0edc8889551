package dev.chorus.protocol.env;

/** The environment variables a Chorus module reads (see {@link ModuleSettings} for defaults). */
public final class EnvVars {

    private EnvVars() {}

    public static final String MODULE_NAME = "CHORUS_MODULE_NAME";
    public static final String MQTT_URI = "CHORUS_MQTT_URI";
    public static final String MQTT_CA_FILE = "CHORUS_MQTT_CA_FILE";
    public static final String MQTT_USERNAME = "CHORUS_MQTT_USERNAME";
    public static final String MQTT_PASSWORD_FILE = "CHORUS_MQTT_PASSWORD_FILE";
    public static final String MQTT_CLIENT_ID = "CHORUS_MQTT_CLIENT_ID";
    public static final String MQTT_SESSION_EXPIRY = "CHORUS_MQTT_SESSION_EXPIRY";
    public static final String MQTT_RECONNECT_MAX_DELAY = "CHORUS_MQTT_RECONNECT_MAX_DELAY";
    public static final String INSTANCE = "CHORUS_INSTANCE";
    public static final String DATA_DIR = "CHORUS_DATA_DIR";
    public static final String MAX_MESSAGE_BYTES = "CHORUS_MAX_MESSAGE_BYTES";

    /** Where {@link #MQTT_URI} points by default: the broker service of the Compose stack. Modules and the cli. */
    public static final String DEFAULT_MQTT_URI = "tcp://broker:1883";
    /** Where {@link #MQTT_PASSWORD_FILE} points by default: the Compose secret. Modules and the cli. */
    public static final String DEFAULT_MQTT_PASSWORD_FILE = "/run/secrets/mqtt-password";
}
