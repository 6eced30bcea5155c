package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import dev.survivor.pipeline.CliRun;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator lowers a running `pipeline step5`'s trial budget through a real hub: the trainer applies it before
 * its next trial (its safe point), stops searching early, and the sidecar and the run record say what happened.
 */
@Timeout(120)
class Step5LiveTrialsTest {
    private static final String CLIENT = "trainer-live";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void loweredTrialBudgetTakesEffectAtTheNextTrial() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("survivors_with_scores.json"), 200, 5, 0);
        Path models = dir.resolve("models");
        try (TestHub hub = TestHub.start(dir)) {
            TestHub.Change operator = hub.changeWhenRegistered(CLIENT, "trials", IntNode.valueOf(2));
            CliRun r5 = CliRun.of("step5", "--survivors", survivors.toString(), "--model-type", "lightgbm",
                    "--trials", "400", "--k-folds", "2", "--output-dir", models.toString(), "--threads", "1",
                    "--hub", hub.address(), "--hub-token-file", hub.tokenFile.toString(), "--hub-client-id", CLIENT);
            CompletableFuture<?> ack = operator.stop();
            assertThat(r5.exitCode()).as(r5.err()).isZero();
            assertThat(ack).as("the operator's change was sent").isNotNull();
            ack.get(10, TimeUnit.SECONDS);

            // the search stopped far short of 400: at 2, or right after the trial running when the change arrived
            JsonNode sidecar = JSON.readTree(models.resolve("best_model.meta.json").toFile());
            int trialsRun = sidecar.at("/training_info/search/n_trials").asInt(
                    sidecar.at("/search/n_trials").asInt(-1));
            assertThat(trialsRun).isBetween(2, 20);
            JsonNode record = JSON.readTree(models.resolve("run_record.json").toFile());
            JsonNode change = record.get("live_changes").get(0);
            assertThat(change.get("name").asText()).isEqualTo("trials");
            assertThat(change.get("option").asText()).isEqualTo("--trials");
            assertThat(change.get("old").asInt()).isEqualTo(400);
            assertThat(change.get("new").asInt()).isEqualTo(2);
        }
    }
}
