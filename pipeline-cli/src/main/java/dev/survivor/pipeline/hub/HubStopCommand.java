package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.pipeline.ExitException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline hub stop NAME}: stop a script the hub started (SIGTERM, then SIGKILL after a grace period). */
@Command(name = "stop", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Stop a running script started by the hub, or a wrapped program (SIGTERM, SIGKILL after the grace period); no restart follows.")
public final class HubStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Parameters(paramLabel = "NAME", description = "Script name.")
    String script;

    @Override
    public Integer call() throws Exception {
        try (HubClient c = hub.connect()) {
            JsonNode r = c.command("stop", MessageCodec.JSON.createObjectNode().put("script", script));
            if (r.path("wrapped").asBoolean()) {
                spec.commandLine().getOut().printf("asked wrapper %s to stop its program%n", script);
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().printf("stopped %s (pid %d, exit %s%s)%n", script, r.path("pid").asLong(),
                    r.path("exit_code").asText("?"), r.path("forced").asBoolean() ? ", killed" : "");
            return ExitCodes.OK;
        } catch (HubException e) {
            throw new ExitException(e.code() == null ? ExitCodes.UNAVAILABLE : ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }
}
