package dev.survivor.models.catboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.survivor.models.TestData;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our oblivious-tree trainer writes a .cbm that CatBoost's own applier evaluates identically. */
class CatboostCbmTest {
    @TempDir
    Path dir;

    static Dataset data(int n, int d, long seed) {
        Dataset ds = TestData.regression(n, d, seed, true);
        ds.x()[5 * d + 6] = 0.25f; // a repeated value on a border candidate
        return ds;
    }

    @Test
    void catboostPredictionReproducesOurTrainer() {
        Dataset train = data(600, 8, 1);
        Dataset val = data(200, 8, 2);
        CatboostFamily fam = new CatboostFamily();
        Map<String, Object> p = Map.of("iterations", 60, "depth", 4, "learning_rate", 0.2, "l2_leaf_reg", 3.0,
                "border_count", 32);
        var ours = (CatboostFamily.JavaCatboostRegressor) fam.train(train, val, p, TrainContext.quiet(42));
        assertThat(ours.treeCount()).isBetween(1, 60);
        Path cbm = ours.save(dir).path();
        assertThat(Files.exists(cbm)).isTrue();
        try (var applied = (CatboostFamily.AppliedCatboostRegressor) fam.load(cbm, 8, 1)) {
            double[] a = ours.predictExact(val.x(), val.rows());
            double[] b = applied.predictExact(val.x(), val.rows());
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).as("row %d", i).isCloseTo(a[i], within(1e-9));
            }
            Metrics m = Metrics.of(val.y(), applied.predict(val.x(), val.rows()));
            assertThat(m.r2()).isGreaterThan(0.8);
        }
    }

    @Test
    void bestIterationCutAndDeterminism() {
        Dataset train = data(300, 5, 3);
        Dataset val = data(100, 5, 4);
        var cfg = new ObliviousBoostingTrainer.Config(200, 6, 0.3, 3.0, 254, 1, 0);
        var r1 = ObliviousBoostingTrainer.train(train, val, cfg);
        var r2 = ObliviousBoostingTrainer.train(train, val, new ObliviousBoostingTrainer.Config(200, 6, 0.3, 3.0, 254, 2, 0));
        assertThat(r1.ensemble().trees()).hasSize(r1.bestIteration());
        assertThat(r1.bestIteration()).isEqualTo(r2.bestIteration());
        Regressor a = new CatboostFamily.JavaCatboostRegressor(r1.ensemble(), r1.bestIteration());
        Regressor b = new CatboostFamily.JavaCatboostRegressor(r2.ensemble(), r2.bestIteration());
        assertThat(a.predict(val.x(), val.rows())).containsExactly(b.predict(val.x(), val.rows()));
    }

    @Test
    void bordersSeparateNeighbouringValues() {
        Dataset d = new Dataset(new float[] {1f, 1f, Math.nextUp(1f), 2f, Float.NaN}, new float[5], 5, 1);
        float[] b = ObliviousBoostingTrainer.quantileBorders(d, 0, 10);
        assertThat(b).hasSize(2);
        assertThat(1f > b[0]).isFalse();
        assertThat(Math.nextUp(1f) > b[0]).isTrue();
        byte[] bins = ObliviousBoostingTrainer.binColumn(d, 0, b);
        assertThat(bins).containsExactly(0, 0, 1, 2, 0);
    }
}
