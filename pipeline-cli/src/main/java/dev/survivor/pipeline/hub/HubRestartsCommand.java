package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.client.HubException;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.pipeline.ExitException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline hub restarts}: the supervised restarts the hub recorded, newest first. */
@Command(name = "restarts", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "List the restarts of supervised scripts (hub `execute` and `wrap`), newest first.")
public final class HubRestartsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many.")
    int limit;

    @Option(names = "--json", description = "Print the hub's JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (HubClient c = hub.connect()) {
            JsonNode r = c.command("list_restarts", MessageCodec.JSON.createObjectNode().put("limit", limit));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(MessageCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
                return ExitCodes.OK;
            }
            out.printf("%-24s  %-20s  %-8s  %-7s  %-14s  %s%n", "at", "script", "source", "attempt", "reason", "pid");
            for (JsonNode e : r) {
                JsonNode d = e.path("detail");
                out.printf("%-24s  %-20s  %-8s  %3d/%-3d  %-14s  %s -> %s%n", e.path("at").asText(),
                        d.path("script").asText(), d.path("source").asText(), d.path("attempt").asInt(),
                        d.path("max_restarts").asInt(), d.path("reason").asText(), d.path("old_pid").asText("?"),
                        d.path("pid").asText("?"));
            }
            return ExitCodes.OK;
        } catch (HubException e) {
            throw new ExitException(e.code() == null ? ExitCodes.UNAVAILABLE : ExitCodes.INVALID_INPUT, e.getMessage(), e);
        }
    }
}
