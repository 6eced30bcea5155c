package dev.survivor.models.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.models.TestData;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.data.Splits;
import dev.survivor.models.lightgbm.LightgbmFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The k-fold search: trial 0 is the defaults, the seed fixes everything, budgets apply at the safe point. */
class HyperparameterSearchTest {
    static final Dataset DATA = TestData.regression(240, 6, 3, true);
    static final int[] ALL = IntStream.range(0, 240).toArray();

    private static CvData cv(int k, Dataset anchors) {
        return new CvData(DATA, Splits.kFold(ALL, k, 11), anchors);
    }

    private static HyperparameterSearch.Config cfg(int trials) {
        return new HyperparameterSearch.Config(t -> trials, Metrics.Metric.MSE, SearchMethod.RANDOM, 5, Long.MAX_VALUE);
    }

    @Test
    void trialZeroIsTheDefaultsAndTheBestCompleteTrialWins() {
        ModelFamily fam = new LightgbmFamily();
        List<TrialResult> seen = new ArrayList<>();
        SearchResult r = HyperparameterSearch.run(fam, cv(3, null), cfg(4), TrainContext.quiet(1), new SearchListener() {
            @Override
            public void trialFinished(TrialResult trial, int trialsPlanned, double bestSoFar) {
                seen.add(trial);
                assertThat(trialsPlanned).isEqualTo(4);
            }
        });
        assertThat(r.trials()).hasSize(4).allMatch(TrialResult::complete);
        assertThat(seen).hasSize(4);
        assertThat(r.trials().get(0).params()).isEqualTo(fam.defaults());
        assertThat(r.trials().get(0).suggestions()).isEmpty();
        assertThat(r.trials().get(1).suggestions()).containsKeys("n_estimators", "max_depth", "learning_rate");
        double min = r.trials().stream().mapToDouble(TrialResult::meanScore).min().orElseThrow();
        assertThat(r.best().meanScore()).isEqualTo(min);
        for (TrialResult t : r.trials()) {
            assertThat(t.folds()).hasSize(3);
            assertThat(t.meanScore()).isCloseTo(t.folds().stream().mapToDouble(f -> f.metrics().mse()).sum() / 3,
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void theSameSeedGivesTheSameSearch() {
        ModelFamily fam = new LightgbmFamily();
        SearchResult a = HyperparameterSearch.run(fam, cv(2, null), cfg(3), TrainContext.quiet(1), SearchListener.NONE);
        SearchResult b = HyperparameterSearch.run(fam, cv(2, null), cfg(3), TrainContext.quiet(1), SearchListener.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(b.trials().get(i).params()).isEqualTo(a.trials().get(i).params());
            assertThat(b.trials().get(i).meanScore()).isEqualTo(a.trials().get(i).meanScore());
        }
    }

    @Test
    void aLiveBudgetChangeAppliesBeforeTheNextTrial() {
        List<Integer> asked = new ArrayList<>();
        var budget = new HyperparameterSearch.Config(run -> {
            asked.add(run);
            return run == 0 ? 50 : 2; // lowered while trial 0 ran
        }, Metrics.Metric.MSE, SearchMethod.RANDOM, 5, Long.MAX_VALUE);
        SearchResult r = HyperparameterSearch.run(new LightgbmFamily(), cv(2, null), budget, TrainContext.quiet(1),
                SearchListener.NONE);
        assertThat(r.trials()).hasSize(2);
        assertThat(asked).containsExactly(0, 1, 2);
    }

    @Test
    void aFailingTrialIsRecordedAndTheOthersGoOn() {
        LightgbmFamily real = new LightgbmFamily();
        // every sampled trial asks for an impossible tree count; the defaults (trial 0) are fine
        ModelFamily failingOdd = new ModelFamily() {
            @Override
            public dev.survivor.models.api.ModelType type() {
                return real.type();
            }

            @Override
            public Map<String, Object> defaults() {
                return real.defaults();
            }

            @Override
            public Map<String, Object> sample(Suggester s) {
                Map<String, Object> p = new java.util.LinkedHashMap<>(real.sample(s));
                p.put("n_estimators", -1);
                return p;
            }

            @Override
            public dev.survivor.models.api.Regressor train(Dataset train, Dataset validation, Map<String, Object> params,
                    TrainContext ctx) {
                return real.train(train, validation, params, ctx);
            }

            @Override
            public dev.survivor.models.api.Regressor load(java.nio.file.Path checkpoint, int featureCount, int threads) {
                return real.load(checkpoint, featureCount, threads);
            }

            @Override
            public String trainerDescription() {
                return real.trainerDescription();
            }
        };
        SearchResult r = HyperparameterSearch.run(failingOdd, cv(2, null), cfg(3), TrainContext.quiet(1),
                SearchListener.NONE);
        assertThat(r.trials().get(0).complete()).isTrue();
        assertThat(r.trials().get(1).failed()).isTrue();
        assertThat(r.trials().get(1).error()).contains("n_estimators must be >= 1");
        assertThat(r.best().number()).isZero();
    }

    @Test
    void aFirstTrialThatCannotFinishBeforeTheDeadlineNamesTheTimeItNeeds() {
        var none = new HyperparameterSearch.Config(t -> 5, Metrics.Metric.MSE, SearchMethod.RANDOM, 5,
                System.nanoTime());
        assertThatThrownBy(() -> HyperparameterSearch.run(new LightgbmFamily(), cv(2, null), none,
                TrainContext.quiet(1), SearchListener.NONE))
                .isInstanceOf(TimeBudgetException.class)
                .hasMessageContaining("lightgbm: the time budget left it 0.0 s")
                .hasMessageContaining("stopped in fold 1 of 2 after 1 of 200 rounds");
    }

    @Test
    void anchorsJoinEveryTrainingFoldAndNoValidationFold() {
        Dataset anchors = TestData.regression(7, 6, 99, false);
        CvData cv = cv(3, anchors);
        for (int f = 0; f < 3; f++) {
            Dataset train = cv.train(f);
            Dataset val = cv.validation(f);
            int foldTrain = cv.folds().get(f).train().length;
            assertThat(train.rows()).isEqualTo(foldTrain + 7);
            // the anchors are the last rows of every training fold, exactly
            float[] tail = java.util.Arrays.copyOfRange(train.x(), foldTrain * 6, train.x().length);
            assertThat(tail).containsExactly(anchors.x());
            assertThat(val.rows()).isEqualTo(cv.folds().get(f).validation().length);
            assertThat(val.x()).containsExactly(DATA.select(cv.folds().get(f).validation()).x());
        }
    }
}
