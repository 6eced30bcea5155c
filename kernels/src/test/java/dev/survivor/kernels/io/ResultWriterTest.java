package dev.survivor.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {
    private static final FeatureCatalogue CAT = FeatureCatalogue.defaults();
    private static final ResultWriter.Metadata META = new ResultWriter.Metadata("java_lcg", 1000, "host-a", 3, "java");

    @TempDir
    Path dir;

    private static ScoredSeed record(long seed, double base, boolean holdout) {
        double[] f = new double[FeatureCatalogue.TOTAL_COUNT];
        for (int i = 0; i < f.length; i++) {
            f[i] = base + i / 8.0;
        }
        double[] h = null;
        if (holdout) {
            h = new double[FeatureCatalogue.PER_SEED_COUNT];
            for (int i = 0; i < h.length; i++) {
                h[i] = -i * 0.1;
            }
        }
        return new ScoredSeed(seed, f, holdout ? 0.5 : 0.0, holdout ? 2 : -1, h, holdout ? 0.25 : 0.0);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        }
    }

    @Test
    void writesRecordsInOrderWithCatalogueKeysAndUnsignedSeeds() throws IOException {
        Path out = dir.resolve("sub/chunk_0001.json");
        try (ResultWriter w = new ResultWriter(out, CAT, META)) {
            w.write(record(-1L, 66.5, true));
            w.write(record(42, 1.0, false));
            assertThat(out).doesNotExist();
            w.commit();
            assertThat(w.records()).isEqualTo(2);
        }
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertThat(root.isArray()).isTrue();
        assertThat(root.size()).isEqualTo(2);
        JsonNode a = root.get(0);
        assertThat(a.get("seed").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        List<String> top = new ArrayList<>();
        a.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("seed", "score", "features", "metadata", "holdout_hits", "holdout_features",
                "holdout_quality");
        List<String> keys = new ArrayList<>();
        a.get("features").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(CAT.allNames()).hasSize(91);
        assertThat(a.get("score").doubleValue()).isEqualTo(66.5);
        assertThat(a.get("features").get("score").doubleValue()).isEqualTo(66.5);
        assertThat(a.get("features").get("global_temporal_stability").doubleValue()).isEqualTo(66.5 + 90 / 8.0);
        List<String> hk = new ArrayList<>();
        a.get("holdout_features").fieldNames().forEachRemaining(hk::add);
        assertThat(hk).isEqualTo(CAT.perSeedNames()).hasSize(77);
        assertThat(a.get("holdout_hits").doubleValue()).isEqualTo(0.5);
        assertThat(a.get("holdout_quality").doubleValue()).isEqualTo(0.25);
        JsonNode m = a.get("metadata");
        List<String> mk = new ArrayList<>();
        m.fieldNames().forEachRemaining(mk::add);
        assertThat(mk).containsExactly("prng_type", "mod", "worker_hostname", "worker_gpu", "backend", "timestamp");
        assertThat(m.get("worker_gpu").intValue()).isEqualTo(3);
        assertThat(m.get("timestamp").doubleValue()).isGreaterThan(1.7e9);
        JsonNode b = root.get(1);
        assertThat(b.get("seed").longValue()).isEqualTo(42);
        assertThat(b.has("holdout_features")).isFalse();
        assertThat(b.has("holdout_hits")).isFalse();
        assertThat(Files.list(out.getParent()).toList()).containsExactly(out);
    }

    @Test
    void layoutIsPythonIndent2() throws IOException {
        Path out = dir.resolve("o.json");
        try (ResultWriter w = new ResultWriter(out, CAT, META)) {
            w.write(record(7, 0, false));
            w.commit();
        }
        String text = Files.readString(out);
        assertThat(text).startsWith("[\n  {\n    \"seed\": 7,\n    \"score\": 0.0,\n    \"features\": {\n      \"score\": 0.0,\n");
        assertThat(text).contains("\n    \"metadata\": {\n      \"prng_type\": \"java_lcg\",\n      \"mod\": 1000,\n");
        assertThat(text).endsWith("\n  }\n]\n");
    }

    @Test
    void residueNamesFollowTheScorerConfig() throws IOException {
        FeatureCatalogue cat = FeatureCatalogue.of(new ScorerConfig(new int[] {7, 64, 997}, 60, 4, 0.2));
        Path out = dir.resolve("o.json");
        try (ResultWriter w = new ResultWriter(out, cat, META)) {
            w.write(record(7, 0, true));
            w.commit();
        }
        JsonNode a = new ObjectMapper().readTree(out.toFile()).get(0);
        assertThat(a.get("features").has("residue_997_coherence")).isTrue();
        assertThat(a.get("holdout_features").has("residue_7_match_rate")).isTrue();
        assertThat(a.get("features").has("residue_1000_coherence")).isFalse();
    }

    @Test
    void nanIsRefusedAndNothingIsLeftBehind() throws IOException {
        Path out = dir.resolve("o.json");
        ScoredSeed bad = record(9, 0, false);
        bad.features()[5] = Double.NaN;
        try (ResultWriter w = new ResultWriter(out, CAT, META)) {
            w.write(record(8, 0, false));
            assertThatThrownBy(() -> w.write(bad)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("seed 9").hasMessageContaining("features.pred_mean").hasMessageContaining("NaN");
        }
        assertThat(files()).isEmpty();
        ScoredSeed inf = record(10, 0, true);
        inf.holdoutFeatures()[0] = Double.POSITIVE_INFINITY;
        try (ResultWriter w = new ResultWriter(out, CAT, META)) {
            assertThatThrownBy(() -> w.write(inf)).hasMessageContaining("holdout_features.score")
                    .hasMessageContaining("Infinity");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void commitReplacesAnOldFileAtomicallyAndCloseWithoutCommitKeepsIt() throws IOException {
        Path out = dir.resolve("o.json");
        Files.writeString(out, "old");
        try (ResultWriter w = new ResultWriter(out, CAT, META)) {
            w.write(record(1, 0, false));
        }
        assertThat(Files.readString(out)).isEqualTo("old");
        assertThat(files()).containsExactly(out);
        try (ResultWriter w = new ResultWriter(out, CAT, META)) {
            w.write(record(1, 0, false));
            w.commit();
        }
        assertThat(Files.readString(out)).startsWith("[");
        assertThat(files()).containsExactly(out);
    }

    @Test
    void workerGpuComesFromVisibleDevicesElseGpuId() {
        assertThat(ResultWriter.workerGpu(Map.of(), 2)).isEqualTo(2);
        assertThat(ResultWriter.workerGpu(Map.of("CUDA_VISIBLE_DEVICES", "5,6"), 0)).isEqualTo(5);
        assertThat(ResultWriter.workerGpu(Map.of("HIP_VISIBLE_DEVICES", "3"), 0)).isEqualTo(3);
        assertThat(ResultWriter.workerGpu(Map.of("CUDA_VISIBLE_DEVICES", "GPU-8f2c,GPU-1"), 0)).isEqualTo("GPU-8f2c");
        assertThat(ResultWriter.workerGpu(Map.of("CUDA_VISIBLE_DEVICES", ""), 1)).isEqualTo(1);
    }
}
