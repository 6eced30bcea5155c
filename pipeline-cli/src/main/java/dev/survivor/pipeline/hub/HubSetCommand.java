package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.pipeline.ExitException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline hub set NAME PARAM VALUE}: change a running component's parameter and wait for its ack. */
@Command(name = "set", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Change a parameter of a running client; waits until the client applies it at a safe point.")
public final class HubSetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Parameters(index = "0", paramLabel = "NAME", description = "Client id (or script name).")
    String client;

    @Parameters(index = "1", paramLabel = "PARAM", description = "Parameter name.")
    String param;

    @Parameters(index = "2", paramLabel = "VALUE", description = "New value; checked against the parameter's type and range.")
    String value;

    @Override
    public Integer call() throws Exception {
        try (HubClient c = hub.connect()) {
            JsonNode r = c.setParameter(client, param, parse(value));
            String note = r.path("reason").isTextual() ? "; " + r.path("reason").asText() : "";
            spec.commandLine().getOut().printf("%s %s = %s (acknowledged, change #%d%s)%n", client, param,
                    r.path("value_in_force"), r.path("change_id").asLong(), note);
            return ExitCodes.OK;
        } catch (HubException e) {
            throw new ExitException(e.code() == null ? ExitCodes.UNAVAILABLE : ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }

    private static JsonNode parse(String v) {
        try {
            JsonNode n = MessageCodec.JSON.readTree(v);
            return n == null || n.isMissingNode() ? MessageCodec.JSON.getNodeFactory().textNode(v) : n;
        } catch (IOException e) {
            return MessageCodec.JSON.getNodeFactory().textNode(v);
        }
    }
}
