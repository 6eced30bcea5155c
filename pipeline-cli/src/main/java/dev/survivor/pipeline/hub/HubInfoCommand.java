package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.protocol.MessageCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline hub info NAME}: one client's parameters and variables, or one script's state and log. */
@Command(name = "info", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Show a client's parameters and variables, or a script's command, state and output (JSON).")
public final class HubInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Parameters(paramLabel = "NAME", description = "Client id or script name.")
    String name;

    @Override
    public Integer call() throws Exception {
        try (HubClient c = hub.connect()) {
            JsonNode found = null;
            for (JsonNode cl : c.command("list_clients", null)) {
                if (cl.path("client_id").asText().equals(name)) {
                    found = cl;
                }
            }
            for (JsonNode s : c.command("get_scripts_info", null)) {
                if (found == null && s.path("name").asText().equals(name)) {
                    found = s;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("no connected client or script named '" + name + "'");
            }
            spec.commandLine().getOut().println(MessageCodec.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(found));
        }
        return ExitCodes.OK;
    }
}
