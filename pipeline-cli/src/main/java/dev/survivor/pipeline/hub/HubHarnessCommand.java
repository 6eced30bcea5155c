package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.common.ExitCodes;
import dev.survivor.hub.harness.Harness;
import dev.survivor.hub.harness.HarnessChart;
import dev.survivor.hub.harness.HarnessOptions;
import dev.survivor.hub.harness.Scenario;
import dev.survivor.hub.protocol.MessageCodec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline hub harness}: a hub plus simulated clients on loopback, reported as the seeds' JSON. */
@Command(name = "harness", mixinStandardHelpOptions = true, showDefaultValues = true,
        header = "Start a hub and simulated clients on loopback; print the JSON report (stats over time, per client).")
public final class HubHarnessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "basic",
            description = "basic (2 trainers), multi_spec (4 model types), stress_test (N clients x M shares), "
                    + "sequential (clients join one after another).")
    String scenario;

    @Option(names = "--duration", defaultValue = "10", paramLabel = "S",
            description = "Seconds the timed scenarios run (stress_test runs until its shares are done).")
    double duration;

    @Option(names = "--clients", defaultValue = "200", description = "stress_test: number of clients.")
    int clients;

    @Option(names = "--shares", defaultValue = "50", description = "stress_test: shares per client.")
    int shares;

    @Option(names = "--export", paramLabel = "FILE", description = "Write the JSON report to FILE instead of stdout.")
    Path export;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Also draw clients and messages/s over time.")
    Path chart;

    @Override
    public Integer call() throws Exception {
        Scenario s = Scenario.parse(scenario);
        if (!(duration > 0)) {
            throw new IllegalArgumentException("--duration must be > 0, got " + duration);
        }
        PrintWriter err = spec.commandLine().getErr();
        HarnessOptions o = HarnessOptions.defaults(s, Duration.ofMillis((long) (duration * 1000)))
                .withStress(clients, shares);
        Path work = Files.createTempDirectory("hub-harness");
        JsonNode report;
        try {
            report = new Harness(o, work, err).run();
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String json = MessageCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        if (export != null) {
            AtomicFiles.writeString(export, json + "\n");
            err.printf("report written to %s%n", export);
        } else {
            spec.commandLine().getOut().println(json);
        }
        if (chart != null) {
            HarnessChart.write(report, chart);
            err.printf("chart written to %s%n", chart);
        }
        JsonNode fin = report.path("final_stats");
        err.printf("%s: %d/%d clients succeeded, %d shares, p99 share round trip %s ms, %.0f messages/s%n",
                s.wireName(), fin.path("clients_succeeded").asInt(), fin.path("clients_total").asInt(),
                fin.path("shares_acked").asLong(), report.path("latency_ms").path("p99").asText("n/a"),
                report.path("throughput").path("messages_per_s").asDouble());
        return fin.path("clients_succeeded").asInt() == fin.path("clients_total").asInt()
                ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
