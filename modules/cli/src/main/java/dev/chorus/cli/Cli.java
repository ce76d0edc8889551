package dev.chorus.cli;

import dev.chorus.protocol.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The Chorus command-line client. Plain picocli and Paho, no Micronaut context: it starts in well under a
 * second and connects once per command. Every error is one line on stderr; exit codes are in {@link #EXIT_CODES}.
 */
@Command(
        name = "chorus",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = "Talk to a running Chorus stack over MQTT v5.",
        subcommands = {
            SayCommand.class,
            PubCommand.class,
            SubCommand.class,
            StatusCommand.class,
            WaitCommand.class,
            VoicesCommand.class,
            IntentCommand.class,
            SessionCommand.class,
            TrainCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Connection: --uri, --user, --password-file on every command, or the variables CHORUS_MQTT_URI,",
            "CHORUS_MQTT_USERNAME (default cli) and CHORUS_MQTT_PASSWORD_FILE (default /run/secrets/mqtt-password)."
        })
public final class Cli implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        final Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" 0", "success");
        codes.put(" 1", "failure: broker unreachable or refused, timeout, or the module reported an error");
        codes.put(" 2", "usage or configuration error (bad option, missing password file)");
        return Collections.unmodifiableMap(codes);
    }

    /** Where the cli reads its variables; {@code System::getenv} outside tests. */
    @FunctionalInterface
    public interface Env {
        String get(String name);
    }

    @Spec
    CommandSpec spec;

    private final Env env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final JsonCodec json = JsonCodec.standalone();

    Cli(final Env env, final PrintWriter out, final PrintWriter err, final InputStream in) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(final String[] args) {
        final PrintWriter out = new PrintWriter(new PrintStream(System.out, true, StandardCharsets.UTF_8), true);
        final PrintWriter err = new PrintWriter(new PrintStream(System.err, true, StandardCharsets.UTF_8), true);
        System.exit(run(System::getenv, out, err, System.in, args));
    }

    /** Runs one command line and returns its exit code; never throws, never exits. */
    public static int run(
            final Env env, final PrintWriter out, final PrintWriter err, final InputStream in, final String... args) {
        final Cli cli = new Cli(env, out, err, in);
        final CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine
                .getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(EXIT_CODES);
        for (final CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec()
                    .usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(EXIT_CODES)
                    .footer("");
        }
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            final String command = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + oneLine(e.getMessage()) + " (see " + command + " --help)");
            err.flush();
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            final String command = cl.getCommandSpec().qualifiedName();
            final int code;
            final String message;
            if (e instanceof CliException ce) {
                code = ce.exitCode();
                message = ce.getMessage();
            } else if (e instanceof InterruptedException) {
                code = EXIT_FAILURE;
                message = "interrupted";
            } else {
                code = EXIT_FAILURE;
                message = "unexpected error: " + e;
            }
            err.println(command + ": " + oneLine(message));
            err.flush();
            return code;
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    Env env() {
        return env;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    InputStream in() {
        return in;
    }

    JsonCodec json() {
        return json;
    }

    static String oneLine(final String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** {@code --version}: the Maven project version. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"chorus-cli " + version()};
        }
    }

    static String version() {
        final Properties p = new Properties();
        try (InputStream s = Cli.class.getResourceAsStream("/chorus-cli-version.properties")) {
            if (s != null) {
                p.load(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "dev");
    }
}
