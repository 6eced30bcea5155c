package dev.survivor.kernels.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.io.ScoredSeed;
import dev.survivor.kernels.step3.Step3Scorer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself must catch deviations, or a passing conformance test means nothing. */
class ConformanceCheckerTest {
    private final ConformanceChecker checker = new ConformanceChecker();

    private List<ScoredSeed> score(ConformanceChecker.Case c) {
        List<ScoredSeed> out = new ArrayList<>();
        try (ScoringBackend b = Backends.create("java", new BackendOptions(1, 0));
             Step3Scorer s = new Step3Scorer(b, c.job())) {
            s.score(c.survivors(), out::add);
        }
        return out;
    }

    @Test
    void flagsAValueOutsideItsTolerance() {
        ConformanceChecker.Case c = ConformanceChecker.load("p01_java_lcg_n400_uniform.json");
        List<ScoredSeed> results = score(c);
        assertThat(checker.compare(c, results)).isEmpty();
        int kl = FeatureCatalogue.RESIDUE_BASE + 1;
        results.get(3).features()[kl] *= 1.001;
        assertThat(checker.compare(c, results)).singleElement().asString()
                .contains("residue_8_kl_divergence").contains("seed");
    }

    @Test
    void flagsNanMissingHoldoutAndWrongSkip() {
        ConformanceChecker.Case c = ConformanceChecker.load("p14_java_lcg_n2000_metadata.json");
        List<ScoredSeed> results = score(c);
        assertThat(checker.compare(c, results)).isEmpty();
        ScoredSeed r = results.get(0);
        r.features()[FeatureCatalogue.BATTERY_BASE] = Double.NaN;
        results.set(1, new ScoredSeed(results.get(1).seed(), results.get(1).features(), 0, -1, null, 0));
        ScoredSeed s = results.get(2);
        results.set(2, new ScoredSeed(s.seed(), s.features(), s.holdoutHits(), s.holdoutSkip() + 1,
                s.holdoutFeatures(), s.holdoutQuality()));
        List<String> bad = checker.compare(c, results);
        assertThat(bad).anyMatch(m -> m.contains("batt_fft_peak_mag"))
                .anyMatch(m -> m.contains("holdout_features missing"))
                .anyMatch(m -> m.contains("holdout_skip"));
    }

    @Test
    void tolerancesCoverEveryFeatureName() {
        ConformanceChecker.Case c = ConformanceChecker.load("p22_java_lcg_n400_scorer_config.json");
        ConformanceChecker.Tolerances t = new ConformanceChecker.Tolerances(ConformanceChecker.read("tolerances.json"));
        for (String name : FeatureCatalogue.of(c.job().config()).allNames()) {
            assertThat(t.forFeature(name)).as(name).isNotNull();
        }
    }
}
