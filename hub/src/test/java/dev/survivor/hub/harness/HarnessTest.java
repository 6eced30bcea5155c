package dev.survivor.hub.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class HarnessTest {
    @TempDir
    Path dir;

    /** Issue 6's stress test: 200 clients × 50 shares over loopback, every share persisted exactly once. */
    @Test
    @Timeout(120)
    void stressTest200ClientsTimes50SharesEachPersistedExactlyOnce() throws Exception {
        StringWriter log = new StringWriter();
        JsonNode r = new Harness(HarnessOptions.defaults(Scenario.STRESS_TEST, Duration.ofSeconds(60)), dir,
                new PrintWriter(log)).run();
        JsonNode fin = r.path("final_stats");
        assertThat(r.path("clients")).hasSize(200);
        assertThat(fin.path("clients_succeeded").asInt()).isEqualTo(200);
        assertThat(fin.path("shares_acked").asLong()).isEqualTo(10_000);
        assertThat(fin.path("shares_in_db").asLong()).isEqualTo(10_000);
        assertThat(fin.path("distinct_shares_in_db").asLong()).isEqualTo(10_000);
        assertThat(fin.path("shares_duplicate").asLong()).isZero();
        assertThat(fin.path("protocol_errors").asLong()).isZero();
        JsonNode lat = r.path("latency_ms");
        assertThat(lat.path("count").asInt()).isEqualTo(10_000);
        assertThat(lat.path("p99").asDouble()).isPositive().isGreaterThanOrEqualTo(lat.path("p50").asDouble());
        // reported, not asserted: speed belongs in benchmarks
        System.out.printf("stress_test: %.2f s, p50 %.3f ms, p99 %.3f ms, %.0f messages/s%n",
                r.path("duration_s").asDouble(), lat.path("p50").asDouble(), lat.path("p99").asDouble(),
                r.path("throughput").path("messages_per_s").asDouble());

        Path png = dir.resolve("stress.png");
        HarnessChart.write(r, png);
        assertThat(Files.size(png)).isGreaterThan(1000);
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    @Timeout(60)
    void basicAndSequentialScenariosReportEveryClientAndCollaborate() throws Exception {
        JsonNode basic = new Harness(HarnessOptions.defaults(Scenario.BASIC, Duration.ofMillis(1500)),
                dir.resolve("b"), new PrintWriter(new StringWriter())).run();
        assertThat(basic.path("clients")).hasSize(2);
        for (JsonNode c : basic.path("clients")) {
            assertThat(c.path("success").asBoolean()).as(c.toString()).isTrue();
            assertThat(c.path("shares_acked").asInt()).isPositive();
            assertThat(c.path("messages_sent").asLong()).isGreaterThan(c.path("shares_acked").asLong());
        }
        assertThat(basic.path("clients").get(1).path("collaborations_completed").asInt()).isEqualTo(1);
        assertThat(basic.path("hub_stats_over_time").size()).isGreaterThanOrEqualTo(3);
        assertThat(basic.path("duration_s").asDouble()).isBetween(1.4, 10.0);

        JsonNode seq = new Harness(HarnessOptions.defaults(Scenario.SEQUENTIAL, Duration.ofMillis(2000)),
                dir.resolve("s"), new PrintWriter(new StringWriter())).run();
        assertThat(seq.path("clients")).hasSize(5);
        int maxConnected = 0;
        int firstConnected = -1;
        for (JsonNode s : seq.path("hub_stats_over_time")) {
            maxConnected = Math.max(maxConnected, s.path("connected").asInt());
            if (firstConnected < 0 && s.path("connected").asInt() > 0) {
                firstConnected = s.path("connected").asInt();
            }
        }
        assertThat(firstConnected).isLessThan(5);
        assertThat(maxConnected).isEqualTo(5);
        assertThat(seq.path("final_stats").path("clients_succeeded").asInt()).isEqualTo(5);
    }
}
