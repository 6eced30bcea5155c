package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.pipeline.ExitException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline hub execute NAME [ARGS...]}: start a configured script on the hub host. */
@Command(name = "execute", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Start one of the hub's configured scripts on the hub host (extra ARGS are appended), or restart a wrapped program with its current parameters.")
public final class HubExecuteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Parameters(index = "0", paramLabel = "NAME", description = "Script name from the hub's --scripts file.")
    String script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments appended to the script's command.")
    List<String> args = List.of();

    @Option(names = "--restart", paramLabel = "POLICY",
            description = "never | on-failure: restart after a non-zero exit, a signal or missed heartbeats "
                    + "(default: the scripts file's policy).")
    String restart;

    @Option(names = "--max-restarts", defaultValue = "3", description = "Restarts allowed with --restart on-failure.")
    int maxRestarts;

    @Option(names = "--backoff-ms", defaultValue = "1000",
            description = "Wait before the first restart; doubled for each further one, at most 60 s.")
    long backoffMs;

    @Override
    public Integer call() throws Exception {
        try (HubClient c = hub.connect()) {
            ObjectNode a = MessageCodec.JSON.createObjectNode().put("script", script);
            ArrayNode arr = a.putArray("args");
            args.forEach(arr::add);
            if (restart != null) {
                a.putObject("restart").put("policy", restart).put("max_restarts", maxRestarts)
                        .put("backoff_ms", backoffMs);
            }
            JsonNode r = c.command("execute", a);
            if (r.path("wrapped").asBoolean()) {
                spec.commandLine().getOut().printf("asked wrapper %s to restart its program%n", script);
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().printf("started %s (pid %d)%n", script, r.path("pid").asLong());
            return ExitCodes.OK;
        } catch (HubException e) {
            throw new ExitException(e.code() == null ? ExitCodes.UNAVAILABLE : ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }
}
