package dev.survivor.models.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.Splits;
import dev.survivor.models.step5.ModelRun;
import dev.survivor.models.step5.Step5Options;
import dev.survivor.models.step5.Step5Runner;
import dev.survivor.models.step6.Step6Options;
import dev.survivor.models.step6.Step6Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer a user judges us by (issue #12 §2): Step 6 ranks the planted seed at the top whether Step 5 saw it
 * among its training rows or held it out in validation or in the test holdout. One planted seed is one positive
 * example; the anchors (docs/training.md §2) and the monotone constraints (§3) are what make the rank hold.
 */
@Tag("slow")
class PlantedSeedRankTest {
    static final long PLANTED = 123_456_789_012_345L;
    @TempDir
    static Path dir;
    static OracleSurvivors.Scenario s;
    static int plantedRow;

    @BeforeAll
    static void scoreWithTheOracle() throws Exception {
        s = OracleSurvivors.write(dir, PLANTED, 1500, 400, 100, 1.0 / 3, 150, 0.05, 0.7, 2026);
        var table = dev.survivor.models.data.SurvivorsReader.read(s.survivors(),
                dev.survivor.models.data.SurvivorsReader.Options.training());
        plantedRow = -1;
        for (int i = 0; i < table.rows(); i++) {
            if (table.seeds()[i] == PLANTED) {
                plantedRow = i;
            }
        }
        assertThat(plantedRow).isNotNegative();
        float q = table.data().y()[plantedRow];
        float best = 0;
        for (int i = 0; i < table.rows(); i++) {
            if (i != plantedRow) {
                best = Math.max(best, table.data().y()[i]);
            }
        }
        // continuation alignment: the planted seed's target stands out (it is noise under the reference alignment)
        assertThat(q).as("planted holdout_quality vs the best decoy's").isGreaterThan(best + 0.1f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "validation", "test"})
    void plantedSeedRanksAtTheTopWhereverTheSplitPutsIt(String where) {
        long seed = splitSeedPutting(where);
        Path models = dir.resolve("models-" + where);
        Step5Runner.Outcome r5 = Step5Runner.run(Step5Options.builder(s.survivors(), models).anchors(s.anchors())
                .models(List.of(ModelType.LIGHTGBM, ModelType.XGBOOST, ModelType.CATBOOST), true).trials(2).kFolds(3)
                .threads(2).seed(seed).markSeeds(List.of(PLANTED)).build());
        List<String> ranks = new ArrayList<>();
        for (ModelRun m : r5.ranked()) {
            assertThat(m.ok()).as(m.type() + ": " + m.error()).isTrue();
            int rank = rankOf(m.predictions(), plantedRow);
            ranks.add(m.type().id() + " #" + rank);
            assertThat(rank).as("%s ranks the planted seed (%s rows) %s", m.type().id(), where, ranks).isLessThanOrEqualTo(10);
        }
        Step6Runner.Outcome r6 = Step6Runner.run(new Step6Options(models, s.survivors(), null, null, 10, 20,
                dir.resolve("pred-" + where), null, null, 0, x -> { }, 2));
        int rank = r6.rankedSeeds().indexOf(PLANTED) + 1;
        System.out.printf(Locale.ROOT, "planted seed in %s rows: Step 6 rank %d of %d (winner %s; %s)%n", where, rank,
                r6.rankedSeeds().size(), r5.winner().type().id(), ranks);
        assertThat(r6.rankedSeeds()).hasSize(s.rows()); // anchors never enter Step 6's pool
        assertThat(rank).isBetween(1, 10);
    }

    /** A split seed for which the planted row lands in the named part of Step 5's splits. */
    private static long splitSeedPutting(String where) {
        for (long seed = 1; seed < 10_000; seed++) {
            Splits.Holdout h = Splits.holdout(s.rows(), 0.2, seed);
            Splits.Split fin = Splits.finalSplit(h.trainVal());
            boolean in = switch (where) {
                case "test" -> contains(h.test(), plantedRow);
                case "validation" -> contains(fin.validation(), plantedRow);
                default -> contains(fin.train(), plantedRow);
            };
            if (in) {
                return seed;
            }
        }
        throw new AssertionError("no split seed puts the planted row in " + where);
    }

    private static boolean contains(int[] a, int v) {
        return Arrays.stream(a).anyMatch(x -> x == v);
    }

    private static int rankOf(float[] p, int row) {
        int better = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > p[row]) {
                better++;
            }
        }
        return better + 1;
    }
}
