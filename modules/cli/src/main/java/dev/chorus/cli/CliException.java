package dev.chorus.cli;

/** A failure the cli reports as one line on stderr and an exit code (see {@link Cli}). */
public final class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(final int exitCode, final String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Exit 1: the broker, a module or a timeout let us down. */
    public static CliException failure(final String message) {
        return new CliException(Cli.EXIT_FAILURE, message);
    }

    /** Exit 2: the command line or the environment is wrong; retrying will not help. */
    public static CliException usage(final String message) {
        return new CliException(Cli.EXIT_USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
