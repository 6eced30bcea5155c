package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.server.ClientSession;
import dev.survivor.models.synthetic.SyntheticSurvivors;
import dev.survivor.pipeline.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    "--trials", "1", "--k-folds", "2", "--output-dir", models.toString(), "--threads", "1",
                    "--hub", conn, "--hub-token-file", tokenFile.toString(), "--hub-client-id", "trainer-e2e");
            ClientSession s = watch.stop();
            assertThat(r5.exitCode()).as(r5.err()).isZero();
            assertThat(s).as("trainer session seen on the hub").isNotNull();
            assertThat(s.role()).isEqualTo("step5-trainer");
            assertThat(s.specialization()).isEqualTo("xgboost");
            assertThat(s.variables().get("current_model").value().asText()).isEqualTo("xgboost");
            assertThat(s.variables().get("trials").value().asInt()).isEqualTo(1);
            double best = s.variables().get("best_score").value().asDouble();
            assertThat(best).isFinite().isNotNegative();
            JsonNode board = hub.server.core().store().recentShares("step5_leaderboard", 10);
            assertThat(board).hasSize(1);
            JsonNode p = board.get(0).get("payload");
            assertThat(p.get("best_model").asText()).isEqualTo("xgboost");
            assertThat(p.get("best_score").asDouble()).isEqualTo(best);
            assertThat(p.get("leaderboard").get(0).get("model").asText()).isEqualTo("xgboost");

            Path draws = Files.writeString(dir.resolve("draws.json"), "[{\"draw\": 5}, {\"draw\": 7}]");
            CliRun r6 = CliRun.of("step6", "--models-dir", models.toString(), "--survivors-forward",
                    survivors.toString(), "--lottery-history", draws.toString(), "--output-dir",
                    dir.resolve("predictions").toString(), "--hub", conn, "--hub-token-file", tokenFile.toString());
            assertThat(r6.exitCode()).as(r6.err()).isZero();
            JsonNode pred = hub.server.core().store().recentShares("step6_prediction", 10);
            assertThat(pred).hasSize(1);
            assertThat(pred.get(0).get("payload").get("predictions")).isNotEmpty();
            assertThat(pred.get(0).get("payload").get("top_seeds")).isNotEmpty();
        }
    }
}
