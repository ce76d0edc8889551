package dev.chorus.client;

/**
 * What {@link ChorusClient} reports when the broker cannot be reached, the connection is lost or closed,
 * or Paho gives up. The message is one line, fit for a command's error output.
 */
public class ChorusClientException extends RuntimeException {

    private final int reasonCode;

    public ChorusClientException(final String message, final int reasonCode, final Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    public ChorusClientException(final String message) {
        this(message, 0, null);
    }

    /** The MQTT reason code (from the broker) or Paho client code (32xxx), 0 when there is none. */
    public int reasonCode() {
        return reasonCode;
    }

    /** The broker refused the login: bad user name or password (0x86, v3: 4), or not authorised (0x87, v3: 5). */
    public boolean loginRefused() {
        return isLoginRefusal(reasonCode);
    }

    static boolean isLoginRefusal(final int reasonCode) {
        return reasonCode == 0x86 || reasonCode == 0x87 || reasonCode == 4 || reasonCode == 5;
    }
}
