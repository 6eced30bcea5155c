package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.pipeline.ExitCodes;
import dev.survivor.pipeline.ExitException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline hub execute NAME [ARGS...]}: start a configured script on the hub host. */
@Command(name = "execute", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Start one of the hub's configured scripts on the hub host (extra ARGS are appended).")
public final class HubExecuteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Parameters(index = "0", paramLabel = "NAME", description = "Script name from the hub's --scripts file.")
    String script;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments appended to the script's command.")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        try (HubClient c = hub.connect()) {
            ObjectNode a = MessageCodec.JSON.createObjectNode().put("script", script);
            ArrayNode arr = a.putArray("args");
            args.forEach(arr::add);
            JsonNode r = c.command("execute", a);
            spec.commandLine().getOut().printf("started %s (pid %d)%n", script, r.path("pid").asLong());
            return ExitCodes.OK;
        } catch (HubException e) {
            throw new ExitException(e.code() == null ? ExitCodes.UNAVAILABLE : ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }
}
