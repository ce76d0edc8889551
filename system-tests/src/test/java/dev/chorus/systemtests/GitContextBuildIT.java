package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module image builds from a git URL as its context, without a checkout: the committed HEAD
 * of this repository served by {@code git daemon} on 127.0.0.1, built with the command
 * docs/containers.md documents ({@code docker build -f modules/Dockerfile --build-arg MODULE=audio
 * <repo-url>#<ref>}). The shared/ named context falls back to the repository's own folder, the tts
 * one to nothing. With a warm build cache this takes seconds (the layers match the checkout's images).
 */
@org.junit.jupiter.api.Order(5)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class GitContextBuildIT {

    private static final String MODULE = "audio";

    @TempDir
    Path served;

    @Test
    void moduleImageBuildsFromAGitUrl() throws Exception {
        Docker.require(Docker.tag(MODULE));
        Path repo = Docker.repoRoot();
        Docker.run(
                        Duration.ofMinutes(2),
                        List.of(
                                "git",
                                "clone",
                                "--quiet",
                                "--bare",
                                repo.toString(),
                                served.resolve("chorus.git").toString()))
                .check();
        String head = Docker.run(Duration.ofSeconds(30), List.of("git", "-C", repo.toString(), "rev-parse", "HEAD"))
                .check()
                .out()
                .strip();
        // the documented command builds `#main`: in this throw-away copy, main is the commit under test
        Docker.run(
                        Duration.ofSeconds(30),
                        List.of(
                                "git",
                                "-C",
                                served.resolve("chorus.git").toString(),
                                "update-ref",
                                "refs/heads/main",
                                head))
                .check();
        int port = Docker.freePort();
        Process daemon = new ProcessBuilder(
                        "git",
                        "daemon",
                        "--reuseaddr",
                        "--listen=127.0.0.1",
                        "--port=" + port,
                        "--base-path=" + served,
                        "--export-all",
                        served.toString())
                .redirectErrorStream(true)
                .redirectOutput(served.resolve("daemon.log").toFile())
                .start();
        String tag = "chorus-gittest/" + MODULE + ":" + head.substring(0, 12);
        try {
            String url = "git://127.0.0.1:" + port + "/chorus.git#main";
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> Docker.run(
                                            Duration.ofSeconds(10),
                                            List.of("git", "ls-remote", url.substring(0, url.indexOf('#'))))
                                    .exit()
                            == 0);
            List<String> build = new ArrayList<>(List.of(
                    "docker",
                    "buildx",
                    "build",
                    "--load",
                    "--progress=plain",
                    "--file",
                    "modules/Dockerfile",
                    "--build-arg",
                    "MODULE=" + MODULE,
                    "--tag",
                    tag));
            for (String arg : List.of("BUILDER_IMAGE", "RUNTIME_IMAGE")) {
                String value = System.getenv(arg);
                if (value == null) { // CI builds with the offline stand-ins
                    value = Docker.run(
                                    Duration.ofSeconds(30),
                                    List.of(
                                            repo.resolve("scripts/base-images.sh")
                                                    .toString(),
                                            "--print-env"))
                            .check()
                            .out()
                            .lines()
                            .filter(l -> l.startsWith(arg + "="))
                            .findFirst()
                            .orElseThrow()
                            .substring(arg.length() + 1);
                }
                build.add("--build-arg");
                build.add(arg + "=" + value);
            }
            String extraCa = Docker.run(
                            Duration.ofSeconds(30),
                            List.of(repo.resolve("scripts/extra-ca.sh").toString()))
                    .check()
                    .out()
                    .strip();
            build.add("--secret");
            build.add("id=extra_ca,src=" + extraCa);
            build.add(url);
            long start = System.nanoTime();
            Docker.Result result = Docker.run(Duration.ofMinutes(12), build);
            if (result.exit() != 0) {
                System.out.println(result.err());
            }
            result.check();
            System.out.printf("[git] %s built from %s in %d ms%n", tag, url, (System.nanoTime() - start) / 1_000_000);
            assertThat(result.err()).contains("load git source " + url);
            String mainClass = Docker.docker("run", "--rm", "--entrypoint", "cat", tag, "/app/main-class")
                    .check()
                    .out()
                    .strip();
            assertThat(Files.readString(repo.resolve("modules/" + MODULE + "/pom.xml")))
                    .contains("<exec.mainClass>" + mainClass + "</exec.mainClass>");
            assertThat(Docker.docker("image", "inspect", "--format", "{{.Config.User}}", tag)
                            .check()
                            .out()
                            .strip())
                    .isEqualTo("10001:10001");
            assertThat(Docker.docker("image", "inspect", "--format", "{{json .Config.Healthcheck.Test}}", tag)
                            .check()
                            .out())
                    .as("the default target is a long-running module")
                    .contains("healthcheck.sh");
            assertThat(Docker.docker("run", "--rm", "--entrypoint", "ls", tag, "-A", "/etc/chorus/tts")
                            .check()
                            .out())
                    .as("no tts data unless the build passes the tts context")
                    .isBlank();
        } finally {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
            Docker.docker("rmi", "--force", tag);
        }
    }
}
