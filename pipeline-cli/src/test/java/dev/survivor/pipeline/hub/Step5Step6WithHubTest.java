package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.server.ClientSession;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import dev.survivor.pipeline.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `pipeline step5` / `step6` with --hub: leaderboard variables and shares reach a real hub on loopback. */
@Timeout(90)
class Step5Step6WithHubTest {
    @TempDir
    Path dir;

    @Test
    void trainerPublishesItsLeaderboardAndStep6SharesItsPrediction() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("survivors_with_scores.json"), 120, 3, 0);
        Path models = dir.resolve("models");
        try (TestHub hub = TestHub.start(dir)) {
            String conn = hub.address();
            Path tokenFile = hub.tokenFile;
            TestHub.Watch watch = hub.watch("trainer-e2e");
            CliRun r5 = CliRun.of("step5", "--survivors", survivors.toString(), "--model-type", "xgboost",
                    "--trials", "2", "--k-folds", "2", "--output-dir", models.toString(), "--threads", "1",
                    "--hub", conn, "--hub-token-file", tokenFile.toString(), "--hub-client-id", "trainer-e2e");
            ClientSession s = watch.stop();
            assertThat(r5.exitCode()).as(r5.err()).isZero();
            assertThat(s).as("trainer session seen on the hub").isNotNull();
            assertThat(s.role()).isEqualTo("step5-trainer");
            assertThat(s.specialization()).isEqualTo("xgboost");
            assertThat(s.variables().get("current_model").value().asText()).isEqualTo("xgboost");
            assertThat(s.variables().get("trials").value().asInt()).isEqualTo(2);
            double best = s.variables().get("best_score").value().asDouble();
            assertThat(best).isFinite().isNotNegative();
            JsonNode board = hub.server.core().store().recentShares("step5_leaderboard", 10);
            assertThat(board).hasSize(1);
            JsonNode p = board.get(0).get("payload");
            assertThat(p.isArray()).isTrue();
            assertThat(p.get(0).get("model_type").asText()).isEqualTo("xgboost");
            assertThat(p.get(0).get("metric").asDouble()).isEqualTo(best);
            for (String f : List.of("model_type", "metric", "r2", "trials", "seconds")) {
                assertThat(p.get(0).has(f)).as(f).isTrue();
            }
            JsonNode trials = hub.server.core().store().recentShares("step5_trial", 10);
            assertThat(trials).hasSize(2);
            JsonNode t = trials.get(0).get("payload");
            for (String f : List.of("model_type", "trial", "params", "fold_metrics", "metric", "status", "seconds",
                    "best_so_far")) {
                assertThat(t.has(f)).as(f).isTrue();
            }
            assertThat(t.get("fold_metrics")).hasSize(2);
            assertThat(t.get("status").asText()).isEqualTo("complete");
            JsonNode preds = hub.server.core().store().recentShares("step5_predictions", 10);
            assertThat(preds).hasSize(1);
            assertThat(preds.get(0).get("payload").get("winner").asText()).isEqualTo("xgboost");
            assertThat(preds.get(0).get("payload").get("points").size()).isBetween(1, 2000);
            assertThat(preds.get(0).get("payload").get("points").get(0)).hasSize(2);
            assertThat(preds.get(0).get("payload").get("marked")).isNotEmpty();

            Path draws = Files.writeString(dir.resolve("draws.json"), "[{\"draw\": 5}, {\"draw\": 7}]");
            CliRun r6 = CliRun.of("step6", "--models-dir", models.toString(), "--survivors-forward",
                    survivors.toString(), "--lottery-history", draws.toString(), "--output-dir",
                    dir.resolve("predictions").toString(), "--hub", conn, "--hub-token-file", tokenFile.toString());
            assertThat(r6.exitCode()).as(r6.err()).isZero();
            JsonNode pool = hub.server.core().store().recentShares("step6_pool", 10);
            assertThat(pool).hasSize(1);
            JsonNode pp = pool.get(0).get("payload");
            assertThat(pp.get("predicted_draws")).isNotEmpty();
            assertThat(pp.get("ranked")).hasSize(100);
            assertThat(pp.get("ranked").get(0).get("rank").asInt()).isEqualTo(1);
            assertThat(pp.get("ranked").get(0).get("seed").isNumber()).isTrue();
            assertThat(pp.get("ranked").get(0).has("predicted_quality")).isTrue();
            assertThat(pp.get("truth").isNull()).isTrue();
        }
    }
}
