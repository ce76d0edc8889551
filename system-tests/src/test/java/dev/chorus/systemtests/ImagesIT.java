package dev.chorus.systemtests;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image of docker-compose.yml (and the dev overlay's), as this build made them: built from
 * the commit under test (revision label), labelled, non-root, nothing secret in its history,
 * configuration or trust store. That they start and become healthy as non-root is StackIT's.
 */
@Order(2)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ImagesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> images() {
        return Docker.imageNames();
    }

    /** The dev overlay's images: the `dev` stage of modules/Dockerfile, one per module. */
    static List<String> devImages() {
        return Docker.modules().stream().map(m -> m + "-dev").toList();
    }

    @BeforeAll
    static void imagesExist() {
        Docker.requireImages();
        Docker.require(devImages().stream().map(Docker::tag).toArray(String[]::new));
    }

    /** Built by this build from the commit under test, not left over from an earlier one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource({"images", "devImages"})
    void builtFromTheCommitUnderTest(String name) throws Exception {
        JsonNode labels = inspectImage(Docker.tag(name)).get("Config").get("Labels");
        assertThat(labels.path("org.opencontainers.image.revision").asText())
                .as("org.opencontainers.image.revision of %s (git rev-parse HEAD, -dirty with changes)", name)
                .isEqualTo(Docker.revision());
        assertThat(labels.path("org.opencontainers.image.version").asText())
                .isEqualTo(Docker.dotEnv().get("CHORUS_VERSION"));
    }

    /** The default target of modules/Dockerfile is a long-running module; the cli is the `command` target. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void serviceOrCommandShape(String name) throws Exception {
        JsonNode config = inspectImage(Docker.tag(name)).get("Config");
        String env = config.get("Env").toString();
        if (name.equals("cli")) {
            assertThat(config.path("Healthcheck").isMissingNode()
                            || config.get("Healthcheck").isNull())
                    .as("the cli has no health check")
                    .isTrue();
            assertThat(config.get("Cmd").toString()).isEqualTo("[\"--help\"]");
            assertThat(env).contains("CHORUS_JAVA_OPTS=-XX:TieredStopAtLevel=1").doesNotContain("CHORUS_DATA_DIR");
        } else {
            assertThat(config.get("Healthcheck").get("Test").toString()).contains("healthcheck.sh");
            assertThat(env).contains(name.equals("broker") ? "CHORUS_DATA_DIR=/data" : "CHORUS_MODULE=" + name);
        }
    }

    private static JsonNode inspectImage(String tag) throws Exception {
        return JSON.readTree(Docker.docker("image", "inspect", tag).check().out())
                .get(0);
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
        String history = Docker.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", tag)
                .check()
                .out();
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

    /**
     * A module image's Java runtime has the Java modules its pom names ({@code <chorus.java.modules>}, added to
     * modules/Dockerfile's default list), and {@code java.desktop} (10.6 MB) only where the pom asks for it (javax.sound).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("moduleImages")
    void runtimeHasTheJavaModulesThePomNames(String name) throws Exception {
        String pom = Files.readString(Docker.repoRoot().resolve("modules/" + name + "/pom.xml"));
        Matcher m = Pattern.compile("<chorus.java.modules>([^<]*)</chorus.java.modules>")
                .matcher(pom);
        List<String> named = m.find()
                ? Arrays.stream(m.group(1).split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList()
                : List.of();
        List<String> runtime = Docker.docker("run", "--rm", "--entrypoint", "java", Docker.tag(name), "--list-modules")
                .check()
                .out()
                .lines()
                .map(line -> line.replaceAll("@.*", "").strip())
                .toList();
        assertThat(runtime)
                .as("java --list-modules in %s", name)
                .contains("java.base")
                .containsAll(named);
        if (!named.contains("java.desktop")) {
            assertThat(runtime)
                    .as("java --list-modules in %s (its pom does not ask for it)", name)
                    .doesNotContain("java.desktop");
        }
    }

    /** Every image built from modules/Dockerfile: the modules and the cli. */
    static List<String> moduleImages() {
        return images().stream().filter(n -> !n.equals("broker")).toList();
    }

    /** The extra CA (corporate / TLS-inspecting proxy) reaches builds as a secret, never an image. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void extraCaNotInTheTrustStore(String name) throws Exception {
        List<Certificate> extra = List.copyOf(extraCa());
        org.junit.jupiter.api.Assumptions.assumeFalse(extra.isEmpty(), "no extra CA on this host");
        Path dir = Files.createTempDirectory("cacerts");
        String container =
                Docker.docker("create", Docker.tag(name)).check().out().strip();
        try {
            Docker.docker(
                            "cp",
                            container + ":/opt/java/lib/security/cacerts",
                            dir.resolve("cacerts").toString())
                    .check();
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
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(c.getEncoded());
            String[] all = b64.split("\n");
            lines.add(all[Math.min(3, all.length - 1)]);
        }
        return lines;
    }
}
