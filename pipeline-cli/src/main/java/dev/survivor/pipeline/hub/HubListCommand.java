package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pipeline hub list}: connected clients and the scripts the hub may execute. */
@Command(name = "list", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "List connected clients (with their parameters) and the hub's scripts.")
public final class HubListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (HubClient c = hub.connect()) {
            out.println("clients:");
            for (JsonNode cl : c.command("list_clients", null)) {
                StringBuilder params = new StringBuilder();
                for (JsonNode p : cl.path("parameters")) {
                    params.append(params.isEmpty() ? "" : ", ").append(p.path("name").asText()).append('=')
                            .append(p.path("value"));
                }
                out.printf("  %-28s %-18s %s%n", cl.path("client_id").asText(), cl.path("role").asText(), params);
            }
            out.println("scripts:");
            for (JsonNode s : c.command("get_scripts_info", null)) {
                JsonNode run = s.path("run");
                out.printf("  %-20s %s%s%n", s.path("name").asText(), s.path("description").asText(),
                        run.isMissingNode() ? "" : run.path("alive").asBoolean() ? " [running, pid "
                                + run.path("pid").asLong() + "]" : " [exited " + run.path("exit_code").asInt() + "]");
            }
        }
        return ExitCodes.OK;
    }
}
