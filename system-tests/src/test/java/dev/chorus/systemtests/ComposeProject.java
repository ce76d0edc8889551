package dev.chorus.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Compose project of the stack under a test's own name and ports, run with the local
 * {@code docker compose} exactly as a user would (up --wait, stop, up --no-deps, exec, run).
 * Testcontainers' ComposeContainer has no {@code --wait}, per-service stop/start or
 * {@code --no-deps}; this wrapper is the CLI and nothing more. Never builds, never pulls:
 * the images come from scripts/build-images.sh.
 */
final class ComposeProject implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final Path dir;
    final List<String> files;
    final Map<String, String> env = new LinkedHashMap<>();

    ComposeProject(String name, Path dir, String... files) {
        this.name = name;
        this.dir = dir;
        this.files = List.of(files);
    }

    ComposeProject env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Docker.Result compose(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(
                List.of("docker", "compose", "--project-name", name, "--project-directory", dir.toString()));
        for (String f : files) {
            command.add("--file");
            command.add(dir.resolve(f).toString());
        }
        command.addAll(Arrays.asList(args));
        return Docker.run(timeout, command, env, dir);
    }

    Docker.Result compose(String... args) {
        return compose(Duration.ofMinutes(3), args);
    }

    /** The container id of a service's (single) container. */
    String container(String service) {
        String id = compose("ps", "--all", "--quiet", service).check().out().strip();
        if (id.isEmpty() || id.contains("\n")) {
            throw new AssertionError("expected one container for " + service + ", got: " + id);
        }
        return id;
    }

    JsonNode inspect(String service) {
        try {
            return JSON.readTree(
                            Docker.docker("inspect", container(service)).check().out())
                    .get(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Docker.Result down = compose(
                Duration.ofMinutes(3), "--profile", "*", "down", "--volumes", "--remove-orphans", "--timeout", "5");
        if (down.exit() != 0) {
            System.err.println("[" + name + "] down failed: " + down.err());
        }
    }
}
