package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.protocol.MessageCodec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline hub status}: the hub's counters, clients and open work. */
@Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Show the hub's state: connected clients, collaborations, counters (--json: everything).")
public final class HubStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OperatorConnection hub;

    @Option(names = "--json", description = "Print the full status object (the same as the dashboard's /status).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (HubClient c = hub.connect()) {
            JsonNode s = c.command("status", null);
            if (json) {
                out.println(MessageCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s));
                return ExitCodes.OK;
            }
            JsonNode h = s.path("hub");
            out.printf("hub up %.0f s, %d connected, %d shares stored, %d messages in, %d protocol errors%n",
                    h.path("uptime_s").asDouble(), h.path("connected").asInt(), h.path("shares_total").asLong(),
                    h.path("stats").path("messages_in").asLong(), h.path("stats").path("protocol_errors").asLong());
            for (JsonNode cl : s.path("clients")) {
                out.printf("  %-28s %-18s %-12s reputation %.2f%n", cl.path("client_id").asText(),
                        cl.path("role").asText(), cl.path("specialization").asText("-"), cl.path("reputation").asDouble());
            }
            long open = 0;
            for (JsonNode co : s.path("collaborations")) {
                String st = co.path("status").asText();
                open += st.equals("requested") || st.equals("accepted") ? 1 : 0;
            }
            out.printf("collaborations: %d open of %d recent%n", open, s.path("collaborations").size());
        }
        return ExitCodes.OK;
    }
}
