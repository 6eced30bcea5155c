package dev.survivor.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.TestData;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL PyTorch training, ONNX export served by ONNX Runtime, and the DJL checkpoint reloading. */
class NeuralNetTest {
    @TempDir
    Path dir;

    @Test
    void trainsExportsAndReloadsBothCheckpoints() {
        Dataset train = TestData.regression(400, 6, 1, false);
        Dataset val = TestData.regression(100, 6, 2, false);
        NeuralNetFamily fam = new NeuralNetFamily();
        Map<String, Object> p = MlpSpec.toParams(List.of(32, 16), 0.1, 0.01, 256, 60, 10);
        float[] trained;
        Checkpoint cp;
        try (Regressor r = fam.train(train, val, p, TrainContext.quiet(42))) {
            trained = r.predict(val.x(), val.rows());
            cp = r.save(dir);
        }
        assertThat(Metrics.of(val.y(), trained).r2()).isGreaterThan(0.5);
        assertThat(cp.path().getFileName().toString()).isEqualTo("best_model.onnx");
        assertThat(cp.companions()).extracting(x -> x.getFileName().toString())
                .containsExactly("best_model-0000.params", "best_model.nn.json");
        try (Regressor onnx = fam.load(cp.path(), 6, 1)) {
            assertThat(onnx.predict(val.x(), val.rows())).containsExactly(trained);
        }
        try (NeuralNetFamily.DjlNet djl = NeuralNetFamily.loadDjl(dir)) {
            float[] viaDjl = djl.predict(val.x(), val.rows());
            for (int i = 0; i < viaDjl.length; i++) {
                assertThat(viaDjl[i]).isCloseTo(trained[i], within(1e-4f));
            }
        }
    }

    @Test
    void refusesNanFeaturesAndWrongWidth() {
        Dataset train = TestData.regression(50, 6, 3, true);
        NeuralNetFamily fam = new NeuralNetFamily();
        assertThatThrownBy(() -> fam.train(train, train, fam.defaults(), TrainContext.quiet(1)))
                .hasMessageContaining("neural_net needs finite features");
    }

    @Test
    void searchSpaceMatchesTheSpec() {
        var rng = new java.util.SplittableRandom(5);
        NeuralNetFamily fam = new NeuralNetFamily();
        for (int i = 0; i < 50; i++) {
            MlpSpec s = MlpSpec.of(fam.sample(new dev.survivor.models.search.RandomSuggester(rng)));
            assertThat(s.hiddenLayers().length).isBetween(2, 4);
            assertThat(s.hiddenLayers()[0]).isBetween(64, 256);
            for (int j = 1; j < s.hiddenLayers().length; j++) {
                assertThat(s.hiddenLayers()[j]).isBetween(32, Math.max(32, s.hiddenLayers()[j - 1]));
            }
            assertThat(s.dropout()).isBetween(0.2, 0.6);
            assertThat(s.learningRate()).isBetween(1e-5, 1e-2);
            assertThat(s.batchSize()).isIn(256, 512, 1024);
            assertThat(s.epochs()).isBetween(50, 200);
            assertThat(s.patience()).isBetween(10, 30);
        }
    }
}
