package dev.survivor.pipeline.hub;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubEndpoint;
import dev.survivor.hub.server.HubCore;
import dev.survivor.hub.server.Tls;
import dev.survivor.hub.supervise.RestartPolicy;
import dev.survivor.hub.wrap.WrappedCommand;
import dev.survivor.hub.wrap.WrappedOption;
import dev.survivor.hub.wrap.Wrapper;
import dev.survivor.pipeline.ExitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline hub wrap [--name N] -- COMMAND [ARGS...]}: run an unmodified program as a supervised hub client. */
@Command(name = "wrap", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Run an unmodified program as a hub client: its options become parameters, its JSON output "
                + "lines variables, the rest a log; optionally restart it on failure.",
        description = {
                "Options are read from `COMMAND ARGS --help` (argparse or picocli style), else from ARGS. An "
                        + "operator's change is acknowledged as pending and applies at the next start (`pipeline "
                        + "hub execute NAME` restarts it now).",
                "Output lines that are JSON objects become variables; with a `result` field or `\"final\": true` "
                        + "they are also shared as kind wrapped_result. `pipeline hub stop NAME` stops the process "
                        + "tree (SIGTERM, then SIGKILL after --stop-grace) and ends the wrapper.",
                "Exit status: the program's last exit status (128+N for signal N), 0 after an operator's stop."})
public final class HubWrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", description = "Client id on the hub (default: wrap-PROGRAM).")
    String name;

    @Option(names = "--hub", paramLabel = "HOST:PORT", description = "Hub address (default: $PIPELINE_HUB).")
    String hub;

    @Option(names = "--hub-token-file", paramLabel = "FILE", description = "Token (default: $PIPELINE_HUB_TOKEN_FILE).")
    Path tokenFile;

    @Option(names = "--tls-truststore", paramLabel = "P12", description = "Trust store for a TLS hub.")
    Path trustStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "Password of --tls-truststore.")
    Path trustPassword;

    @Option(names = "--restart", paramLabel = "POLICY", defaultValue = "never",
            description = "never | on-failure (non-zero exit or death by a signal).")
    String restart;

    @Option(names = "--max-restarts", defaultValue = "3", description = "Restarts allowed with --restart on-failure.")
    int maxRestarts;

    @Option(names = "--backoff-ms", defaultValue = "1000",
            description = "Wait before the first restart; doubled for each further one, at most 60 s.")
    long backoffMs;

    @Option(names = "--stop-grace", paramLabel = "SECONDS", defaultValue = "5",
            description = "Time between SIGTERM and SIGKILL when stopping the program.")
    int stopGrace;

    @Option(names = "--log-lines", defaultValue = "200", description = "Output lines kept for the dashboard.")
    int logLines;

    @Option(names = "--help-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long `COMMAND --help` may take.")
    int helpTimeout;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "10", description = "Heartbeat interval.")
    int heartbeat;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The program and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        RestartPolicy policy;
        WrappedCommand wrapped;
        try {
            policy = RestartPolicy.mode(restart) == RestartPolicy.Mode.NEVER ? RestartPolicy.NEVER
                    : RestartPolicy.onFailure(maxRestarts, Duration.ofMillis(backoffMs));
            List<WrappedOption> options = Wrapper.discover(command, Duration.ofSeconds(helpTimeout));
            wrapped = new WrappedCommand(command, options);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCodes.USAGE, e.getMessage(), e);
        }
        String id = name != null ? name : "wrap-" + Path.of(command.getFirst()).getFileName();
        PrintWriter err = spec.commandLine().getErr();
        try (HubClient client = connect(id)) {
            Wrapper w = new Wrapper(client, wrapped, policy, Duration.ofSeconds(stopGrace), logLines, System.out);
            w.register();
            err.printf("wrap: %s as '%s' with parameters %s%n", command.getFirst(), id,
                    wrapped.specs().stream().map(s -> s.name() + "=" + wrapped.value(s.name())).toList());
            err.flush();
            Thread hook = new Thread(w::shutdown, "wrap-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return w.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and stops the program
                }
            }
        }
    }

    private HubClient connect(String id) {
        var endpoint = HubEndpoint.resolve(hub, tokenFile, System.getenv()).orElseThrow(() -> new ExitException(
                ExitCodes.USAGE, "no hub: give --hub HOST:PORT --hub-token-file F or set "
                + HubEndpoint.ENV_HUB + " and " + HubEndpoint.ENV_TOKEN_FILE));
        try {
            String token = TokenStore.readTokenFile(endpoint.tokenFile());
            String program = Path.of(command.getFirst()).getFileName().toString();
            HubClient.Options o = HubClient.Options.of(endpoint.host(), endpoint.port(), id, token,
                    HubCore.WRAPPED_ROLE, program).withHeartbeat(Duration.ofSeconds(heartbeat));
            if (trustStore != null) {
                char[] pw = trustPassword == null ? new char[0]
                        : Files.readString(trustPassword).strip().toCharArray();
                o = o.withSocketFactory(Tls.clientFactory(trustStore, pw));
            }
            return HubClient.connect(o);
        } catch (IOException e) {
            throw new ExitException(ExitCodes.UNAVAILABLE, "cannot reach the hub at " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }
}
