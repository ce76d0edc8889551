package dev.chorus.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the broker: connection options, access to the cli's streams. */
abstract class MqttCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    Cli cli() {
        return (Cli) spec.root().userObject();
    }

    ConnectionOptions.Settings settings() {
        return connection.resolve(cli().env());
    }

    MqttSession connect() {
        return MqttSession.connect(settings());
    }

    static Duration seconds(final String option, final double value) {
        if (!(value > 0) || value > 86_400 * 365) {
            throw CliException.usage(option + ": must be a positive number of seconds, not " + value);
        }
        return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
    }

    /** A deadline helper: what is left of {@code total} since {@code startNanos}. */
    static Duration left(final long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
