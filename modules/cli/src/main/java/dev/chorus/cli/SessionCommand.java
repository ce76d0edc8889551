package dev.chorus.cli;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SessionQueued;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.StartSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code session start}: a dialogue session without a wake word (push-to-talk), through the dialogue manager. */
@Command(
        name = "session",
        mixinStandardHelpOptions = true,
        description = "Dialogue sessions (hermes/dialogueManager).",
        subcommands = {SessionCommand.Start.class})
final class SessionCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: start");
    }

    /**
     * {@code session start}: startSession, then the sessionStarted or sessionQueued that answers it. The dialogue
     * manager makes the session id, so the answer is recognised by the session's customData (a fresh token unless
     * given) and site; a notification's answer carries no customData in Rhasspy, so for one the first session of the
     * site that starts after the request is taken.
     */
    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start a session on a site: listen for a command (action), or just speak (--notification).")
    static final class Start extends MqttCommand {

        @Option(
                names = "--site",
                paramLabel = "SITE",
                defaultValue = "default",
                description = "Hermes siteId (default ${DEFAULT-VALUE}).")
        String site;

        @Option(names = "--text", paramLabel = "TEXT", description = "Spoken first (required with --notification).")
        String text;

        @Option(names = "--notification", description = "Only speak --text, do not listen.")
        boolean notification;

        @Option(
                names = "--filter",
                paramLabel = "INTENT",
                split = ",",
                description = "Only these intents may be recognised (comma-separated).")
        List<String> filter;

        @Option(names = "--no-queue", description = "Abort the site's current session instead of waiting for it.")
        boolean noQueue;

        @Option(names = "--custom-data", paramLabel = "TEXT", description = "The session's customData.")
        String customData;

        @Option(names = "--wait", description = "Wait until the session ends and print how it ended.")
        boolean waitForEnd;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                defaultValue = "60",
                description = "How long to wait in all (default ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        @Override
        public Integer call() throws InterruptedException {
            final Duration timeout = seconds("--timeout", timeoutSeconds);
            if (notification && (text == null || text.isBlank())) {
                throw CliException.usage("--notification needs --text");
            }
            final String token = customData != null ? customData : "cli-" + UUID.randomUUID();
            final SessionInit init = notification
                    ? new SessionInit.Notification(text)
                    : new SessionInit.Action(!noQueue, SessionInit.ACTION, text, filter, false);
            final StartSession start = new StartSession(init, site, token, null);
            final long deadline = System.nanoTime() + timeout.toNanos();
            final PrintWriter out = cli().out();
            try (MqttSession mqtt = connect()) {
                mqtt.subscribe(Topics.DM_SESSION_STARTED, Topics.DM_SESSION_QUEUED, Topics.DM_SESSION_ENDED);
                mqtt.publish(start.topic(), cli().json().encode(start), 1, false);
                String sessionId = null;
                while (true) {
                    final MqttSession.Inbound m = mqtt.poll(left(deadline));
                    if (m == null) {
                        throw CliException.failure(
                                sessionId == null
                                        ? "the dialogue manager did not answer within " + timeoutSeconds
                                                + " s (is the dialogue module running? try `chorus status`)"
                                        : "session " + sessionId + " did not end within " + timeoutSeconds + " s");
                    }
                    try {
                        if (sessionId == null) {
                            sessionId = answer(m, token);
                            if (sessionId != null && !waitForEnd) {
                                return Cli.EXIT_OK;
                            }
                        } else if (m.topic().equals(Topics.DM_SESSION_ENDED)) {
                            final SessionEnded ended = cli().json().decode(m.payload(), SessionEnded.class);
                            if (sessionId.equals(ended.sessionId())) {
                                out.println("ended " + sessionId + " "
                                        + ended.termination().reason());
                                out.flush();
                                return SessionEnded.Termination.NOMINAL.equals(
                                                ended.termination().reason())
                                        ? Cli.EXIT_OK
                                        : Cli.EXIT_FAILURE;
                            }
                        }
                    } catch (DecodeException e) {
                        // someone else's malformed message
                    }
                }
            }
        }

        /** The session id once {@code m} answers our request (and prints it); null otherwise. */
        private String answer(final MqttSession.Inbound m, final String token) throws DecodeException {
            final String verb;
            final String id;
            final String data;
            final String messageSite;
            if (m.topic().equals(Topics.DM_SESSION_STARTED)) {
                final SessionStarted s = cli().json().decode(m.payload(), SessionStarted.class);
                verb = "started";
                id = s.sessionId();
                data = s.customData();
                messageSite = s.siteId();
            } else if (m.topic().equals(Topics.DM_SESSION_QUEUED)) {
                final SessionQueued q = cli().json().decode(m.payload(), SessionQueued.class);
                verb = "queued";
                id = q.sessionId();
                data = q.customData();
                messageSite = q.siteId();
            } else {
                return null;
            }
            final boolean ours = site.equals(messageSite) && (token.equals(data) || (notification && data == null));
            if (!ours) {
                return null;
            }
            cli().out().println(verb + " " + Objects.requireNonNull(id));
            cli().out().flush();
            return id;
        }
    }
}
