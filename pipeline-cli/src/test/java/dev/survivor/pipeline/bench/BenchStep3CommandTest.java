package dev.survivor.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.CliRun;
import org.junit.jupiter.api.Test;

/** Checks the command's wiring and output shape on a tiny run; speed is never asserted. */
class BenchStep3CommandTest {
    @Test
    void printsTableAndJsonLastLine() throws Exception {
        CliRun r = CliRun.of("bench", "step3", "--seeds", "40", "--draws", "300", "--holdout-draws", "60",
                "--threads", "1", "--warmup-seeds", "0", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("seeds/s").contains("ns/seed").contains("draws/s");
        JsonNode j = new ObjectMapper().readTree(r.lastOutLine());
        assertThat(j.get("backend").asText()).isEqualTo("java");
        assertThat(j.get("prng").asText()).isEqualTo("java_lcg");
        assertThat(j.get("seeds").asInt()).isEqualTo(40);
        assertThat(j.get("draws").asInt()).isEqualTo(300);
        assertThat(j.get("holdout_draws").asInt()).isEqualTo(60);
        assertThat(j.get("threads").asInt()).isEqualTo(1);
        assertThat(j.get("seeds_per_second").asDouble()).isPositive();
    }

    @Test
    void unknownPrngIsInvalidInput() {
        CliRun r = CliRun.of("bench", "step3", "--prng", "nope", "--seeds", "5", "--draws", "50");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("unknown PRNG family 'nope'");
    }
}
