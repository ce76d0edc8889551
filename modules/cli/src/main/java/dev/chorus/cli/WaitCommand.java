package dev.chorus.cli;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.ModuleStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wait}: block until modules are online; for scripts and CI. */
@Command(
        name = "wait",
        mixinStandardHelpOptions = true,
        description = {
            "Wait until the given modules (default: " + "every module of the stack"
                    + ") report online on chorus/status/<module>.",
            "Keeps retrying while the broker is not reachable yet, so it can start together with the stack.",
            "Exit 0 when all are online, 1 on timeout (naming the missing ones)."
        })
final class WaitCommand extends MqttCommand {

    static final List<String> ALL_MODULES =
            List.of("tts", "audio", "gateway", "nlu", "dialogue", "mic", "wake", "asr", "skills");
    private static final Duration RETRY = Duration.ofSeconds(1);

    @Parameters(
            arity = "0..*",
            paramLabel = "MODULE",
            description = "Modules to wait for (default: every module of the stack: tts audio gateway nlu dialogue mic"
                    + " wake asr skills).")
    List<String> modules;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Give up after this long (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        final Duration timeout = seconds("--timeout", timeoutSeconds);
        final Set<String> wanted = new LinkedHashSet<>(modules == null || modules.isEmpty() ? ALL_MODULES : modules);
        final ConnectionOptions.Settings settings = settings();
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Map<String, String> states = new HashMap<>();
        String lastProblem = null;
        while (true) {
            try (MqttSession mqtt = MqttSession.connect(settings)) {
                mqtt.subscribe(Topics.STATUS_FILTER);
                while (!allOnline(wanted, states)) {
                    final MqttSession.Inbound m = mqtt.poll(left(deadline));
                    if (m == null) {
                        throw timedOut(wanted, states, null);
                    }
                    Topics.STATUS.extract(m.topic(), "module").ifPresent(name -> states.put(name, state(m)));
                }
                cli().out().println("online: " + String.join(" ", wanted));
                return Cli.EXIT_OK;
            } catch (CliException e) {
                if (e.exitCode() != Cli.EXIT_FAILURE || e.getMessage().startsWith("timed out")) {
                    throw e;
                }
                lastProblem = e.getMessage(); // broker not up yet, or the connection dropped: try again
            }
            if (left(deadline).compareTo(RETRY) < 0) {
                throw timedOut(wanted, states, lastProblem);
            }
            LockSupport.parkNanos(RETRY.toNanos()); // the pause between attempts; an early wake-up only retries sooner
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private String state(final MqttSession.Inbound m) {
        if (m.payload().length == 0) {
            return "unknown";
        }
        try {
            return cli().json().decode(m.payload(), ModuleStatus.class).state();
        } catch (DecodeException e) {
            return "invalid";
        }
    }

    private static boolean allOnline(final Set<String> wanted, final Map<String, String> states) {
        return wanted.stream().allMatch(m -> ModuleStatus.ONLINE.equals(states.get(m)));
    }

    private CliException timedOut(final Set<String> wanted, final Map<String, String> states, final String problem) {
        final List<String> missing = new ArrayList<>();
        for (final String m : wanted) {
            final String state = states.getOrDefault(m, "unknown");
            if (!ModuleStatus.ONLINE.equals(state)) {
                missing.add(m + " (" + state + ")");
            }
        }
        final String text = "timed out after " + timeoutSeconds + " s waiting for " + String.join(", ", missing);
        return CliException.failure(problem == null ? text : text + "; last error: " + problem);
    }
}
