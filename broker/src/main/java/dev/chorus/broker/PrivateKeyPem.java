package dev.chorus.broker;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * {@code java -cp chorus-broker.jar dev.chorus.broker.PrivateKeyPem KEYSTORE ALIAS OUT}: writes the private
 * key of a PKCS#12 key store entry as an unencrypted PKCS#8 PEM file, the form {@link TlsKeystore} reads.
 * broker/init-credentials.sh makes the base's server certificate with the JDK's keytool, which cannot export
 * a key; the image has no openssl. The store password comes from {@code CHORUS_TLS_STORE_PASSWORD}.
 */
public final class PrivateKeyPem {

    private PrivateKeyPem() {}

    public static void main(final String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PrivateKeyPem KEYSTORE ALIAS OUT");
        }
        final char[] password = System.getenv("CHORUS_TLS_STORE_PASSWORD").toCharArray();
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            store.load(in, password);
        }
        final Key key = store.getKey(args[1], password);
        if (!(key instanceof PrivateKey)) {
            throw new IllegalArgumentException("no private key under alias " + args[1] + " in " + args[0]);
        }
        final String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(Path.of(args[2]), pem, StandardCharsets.US_ASCII);
    }
}
