package dev.chorus.protocol.env;

import java.util.Map;

/** An {@link EnvSource} backed by a map, for tests and tools. */
public record MapEnvSource(Map<String, String> values) implements EnvSource {

    public MapEnvSource {
        values = Map.copyOf(values);
    }

    @Override
    public String get(String name) {
        return values.get(name);
    }
}
