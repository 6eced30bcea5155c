package dev.survivor.models.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.survivor.models.TestData;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelFamilies;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every model type: train → save → load in a fresh JVM → the same predictions. */
class RoundTripTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private static Map<String, Object> smallParams(ModelType t) {
        return switch (t) {
            case XGBOOST, LIGHTGBM -> Map.of("n_estimators", 40, "max_depth", 4, "learning_rate", 0.1, "subsample", 0.8,
                    "colsample_bytree", 0.8);
            case CATBOOST -> Map.of("iterations", 40, "depth", 4, "learning_rate", 0.1, "l2_leaf_reg", 3.0,
                    "border_count", 64);
            case NEURAL_NET -> Map.of("hidden_layers", List.of(16, 8), "dropout", 0.1, "learning_rate", 0.01,
                    "batch_size", 256, "epochs", 20, "early_stopping_patience", 5);
        };
    }

    @Test
    void allFourTypesPredictTheSameAfterReloadInAFreshJvm() throws Exception {
        Dataset withNan = TestData.regression(300, 8, 1, true);
        Dataset finite = TestData.regression(300, 8, 1, false);
        Dataset probe = TestData.regression(50, 8, 2, false);
        Map<ModelType, float[]> expected = new EnumMap<>(ModelType.class);
        Map<ModelType, Path> checkpoints = new EnumMap<>(ModelType.class);
        for (ModelType t : ModelType.values()) {
            ModelFamily fam = ModelFamilies.of(t);
            Dataset train = t == ModelType.NEURAL_NET ? finite : withNan;
            Path out = dir.resolve(t.id());
            try (Regressor r = fam.train(train, probe, smallParams(t), TrainContext.quiet(7))) {
                expected.put(t, r.predict(probe.x(), probe.rows()));
                Checkpoint cp = r.save(out);
                assertThat(cp.path().getFileName().toString()).isEqualTo(t.checkpointFileName());
                checkpoints.put(t, cp.path());
            }
            // same process, fresh load
            try (Regressor loaded = fam.load(checkpoints.get(t), 8, 1)) {
                assertClose(t, loaded.predict(probe.x(), probe.rows()), expected.get(t));
            }
        }
        Path input = dir.resolve("probe.bin");
        FreshJvmPredict.write(input, probe.x());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                FreshJvmPredict.class.getName(), input.toString(),
                Integer.toString(probe.rows()), "8"));
        checkpoints.forEach((t, p) -> cmd.add(t.id() + "=" + p));
        // classpath via the environment: ONNX Runtime 1.29 overflows its stack (SIGSEGV while creating its
        // environment, after reading /proc/self/cmdline) when the command line is longer than about 4 KB
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process proc = pb.start();
        String output = new String(proc.getInputStream().readAllBytes());
        assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(output).isZero();
        for (ModelType t : ModelType.values()) {
            Path pred = checkpoints.get(t).resolveSibling(checkpoints.get(t).getFileName() + ".pred");
            assertClose(t, FreshJvmPredict.read(pred), expected.get(t));
        }
    }

    /** Exact for libraries that train and apply with the same code; CatBoost's applier sums in its own order. */
    private static void assertClose(ModelType t, float[] actual, float[] expected) {
        if (t == ModelType.CATBOOST) {
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("%s row %d", t, i).isCloseTo(expected[i], within(1e-6f));
            }
        } else {
            assertThat(actual).as(t.id()).containsExactly(expected);
        }
    }
}
