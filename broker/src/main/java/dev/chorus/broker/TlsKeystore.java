package dev.chorus.broker;

import dev.chorus.protocol.env.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * HiveMQ wants a keystore; operators have PEM files (cert-manager, Let's Encrypt, openssl).
 * This turns a PEM chain and a PKCS#8 PEM key into a PKCS#12 keystore with a random password,
 * written to a private working folder, never to the data folder.
 */
record TlsKeystore(Path path, String password) {

    static TlsKeystore none() {
        return new TlsKeystore(Path.of("unused"), "");
    }

    static TlsKeystore fromPem(final Path certFile, final Path keyFile, final Path workDir) {
        try {
            final Collection<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(certFile)) {
                chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (chain.isEmpty()) {
                throw new ConfigException("CHORUS_BROKER_TLS_CERT_FILE", "no certificate in " + certFile);
            }
            final PrivateKey key =
                    readKey(keyFile, chain.iterator().next().getPublicKey().getAlgorithm());
            final byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            final String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("chorus", key, password.toCharArray(), chain.toArray(new Certificate[0]));
            Files.createDirectories(workDir);
            final Path path = workDir.resolve("tls.p12");
            try (OutputStream out = Files.newOutputStream(path)) {
                store.store(out, password.toCharArray());
            }
            return new TlsKeystore(path, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("CHORUS_BROKER_TLS_KEY_FILE", "cannot build TLS keystore: " + e.getMessage());
        }
    }

    private static PrivateKey readKey(final Path keyFile, final String algorithm)
            throws IOException, GeneralSecurityException {
        final String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new ConfigException(
                    "CHORUS_BROKER_TLS_KEY_FILE",
                    "expected an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        final String body = pem.substring(
                        pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
