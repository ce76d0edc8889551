package dev.chorus.testkit.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Every image of the stack, as built by scripts/build-images.sh: labelled, non-root, nothing
 * secret in its history, configuration or trust store, and healthy when started (a module
 * against a broker container, the cli running one command).
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class ImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> images() {
        return Docker.imageNames();
    }

    static List<String> services() {
        return Docker.imageNames().stream().filter(n -> !n.equals("broker") && !n.equals("cli")).toList();
    }

    @BeforeAll
    static void imagesExist() {
        Docker.require(Docker.imageNames().stream().map(Docker::tag).toArray(String[]::new));
    }

    private static JsonNode inspectImage(String tag) throws Exception {
        return JSON.readTree(Docker.docker("image", "inspect", tag).check().out()).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void labelledAndNonRoot(String name) throws Exception {
        JsonNode config = inspectImage(Docker.tag(name)).get("Config");
        assertThat(config.get("User").asText()).as("USER of %s", name).isEqualTo("10001:10001");
        JsonNode labels = config.get("Labels");
        assertThat(labels.path("org.opencontainers.image.version").asText())
                .isEqualTo(Docker.dotEnv().get("CHORUS_VERSION"));
        assertThat(labels.path("org.opencontainers.image.revision").asText()).isNotBlank();
        assertThat(labels.has("org.opencontainers.image.source")).isTrue();
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("chorus-" + name);
        assertThat(config.get("Entrypoint").get(0).asText()).startsWith("/usr/local/bin/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void nothingSecretInHistoryOrConfig(String name) throws Exception {
        String tag = Docker.tag(name);
        String history = Docker.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", tag).check().out();
        assertThat(history).doesNotContain("BEGIN CERTIFICATE", "PRIVATE KEY").doesNotContainIgnoringCase("password=");
        for (String line : extraCaLines()) {
            assertThat(history).doesNotContain(line);
        }
        for (JsonNode env : inspectImage(tag).get("Config").get("Env")) {
            String key = env.asText().substring(0, env.asText().indexOf('='));
            if (key.matches(".*(PASSWORD|SECRET|TOKEN|PRIVATE).*")) {
                assertThat(key).as("secret-looking variable in %s", tag).endsWith("_FILE");
            }
        }
    }

    /** The extra CA (corporate / TLS-inspecting proxy) reaches builds as a secret, never an image. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void extraCaNotInTheTrustStore(String name) throws Exception {
        List<Certificate> extra = List.copyOf(extraCa());
        org.junit.jupiter.api.Assumptions.assumeFalse(extra.isEmpty(), "no extra CA on this host");
        Path dir = Files.createTempDirectory("cacerts");
        String container = Docker.docker("create", Docker.tag(name)).check().out().strip();
        try {
            Docker.docker("cp", container + ":/opt/java/lib/security/cacerts", dir.resolve("cacerts").toString()).check();
        } finally {
            Docker.docker("rm", container);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(dir.resolve("cacerts"))) {
            store.load(in, null);
        }
        assertThat(store.size()).as("the JRE keeps the public CAs").isGreaterThan(50);
        for (String alias : Collections.list(store.aliases())) {
            assertThat(extra).as("extra CA in the image's trust store").doesNotContain(store.getCertificate(alias));
        }
    }

    @Test
    void brokerBecomesHealthyAsNonRoot() throws Exception {
        String password = UUID.randomUUID().toString();
        try (GenericContainer<?> broker = broker(Network.newNetwork(), password)) {
            broker.start();
            assertThat(broker.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
            assertThat(broker.getLogs()).contains("broker ready");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void moduleBecomesHealthyAsNonRoot(String name) throws Exception {
        String password = UUID.randomUUID().toString();
        try (Network network = Network.newNetwork();
             GenericContainer<?> broker = broker(network, password);
             GenericContainer<?> module = new GenericContainer<>(DockerImageName.parse(Docker.tag(name)))) {
            broker.start();
            module.withNetwork(network)
                    .withCopyToContainer(Transferable.of(password, 0444), "/run/secrets/mqtt-password");
            if (name.equals("gateway")) { // its console login is the operator credential
                module.withCopyToContainer(Transferable.of(password, 0444), "/run/secrets/operator-password");
            }
            module.withLogConsumer(frame -> System.out.print("[" + name + "] " + frame.getUtf8String()))
                    .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)));
            long start = System.nanoTime();
            module.start();
            System.out.printf("[images] %s healthy %d ms after start%n", name, (System.nanoTime() - start) / 1_000_000);
            assertThat(module.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");
        }
    }

    @Test
    void cliRunsOneCommand() {
        String password = UUID.randomUUID().toString();
        try (Network network = Network.newNetwork();
             GenericContainer<?> broker = broker(network, password);
             GenericContainer<?> cli = new GenericContainer<>(DockerImageName.parse(Docker.tag("cli")))) {
            broker.start();
            cli.withNetwork(network)
                    .withCopyToContainer(Transferable.of(password, 0444), "/run/secrets/mqtt-password")
                    .withCommand("status")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(1)));
            cli.start(); // fails unless the command exits with 0
            assertThat(cli.getLogs()).containsAnyOf("MODULE", "no module has reported a status yet");
        }
    }

    /** A broker on the network as "broker", every principal with the same password. */
    private static GenericContainer<?> broker(Network network, String password) {
        GenericContainer<?> broker = new GenericContainer<>(DockerImageName.parse(Docker.tag("broker")))
                .withNetwork(network)
                .withNetworkAliases("broker")
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)));
        for (String principal : List.of("tts", "audio", "gateway", "cli", "nlu", "dialogue", "operator")) {
            broker.withCopyToContainer(Transferable.of(password, 0444), "/run/secrets/mqtt-credentials/" + principal);
        }
        return broker;
    }

    /** The host's extra CA certificates, the ones scripts/extra-ca.sh hands to builds. */
    private static Collection<? extends Certificate> extraCa() throws Exception {
        String file = System.getenv().getOrDefault("CHORUS_EXTRA_CA", "/var/cache/chorus/extra-ca.pem");
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || Files.size(path) == 0) {
            return List.of();
        }
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(path)));
    }

    /** A few base64 lines of each extra CA certificate, to look for in text. */
    private static List<String> extraCaLines() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Certificate c : extraCa()) {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded());
            String[] all = b64.split("\n");
            lines.add(all[Math.min(3, all.length - 1)]);
        }
        return lines;
    }
}
