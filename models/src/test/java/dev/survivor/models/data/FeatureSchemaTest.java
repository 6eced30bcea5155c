package dev.survivor.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.kernels.features.FeatureCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {

    @Test
    void referenceTrainingFeaturesHashTo7733d30a913545ca() {
        FeatureSchema s = FeatureSchema.fromFeatureKeys(FeatureCatalogue.defaults().allNames());
        assertThat(s.count()).isEqualTo(89);
        assertThat(s.hash()).isEqualTo("7733d30a913545ca");
        assertThat(s.names()).doesNotContain("score", "confidence");
    }

    @Test
    void orderingFactsOfTheSpec() {
        List<String> n = FeatureSchema.fromFeatureKeys(FeatureCatalogue.defaults().allNames()).names();
        assertThat(n.indexOf("batt_ac_decay_rate")).isLessThan(n.indexOf("batt_ac_lag_01"));
        assertThat(n.indexOf("residue_1000_coherence")).isLessThan(n.indexOf("residue_125_coherence"));
        assertThat(n.indexOf("residue_125_coherence")).isLessThan(n.indexOf("residue_8_coherence"));
        assertThat(n.indexOf("forward_only_count")).isLessThan(n.indexOf("global_frequency_bias_ratio"));
        assertThat(n.indexOf("global_temporal_stability")).isLessThan(n.indexOf("hundreds_digit_agreement"));
        assertThat(n.get(0)).isEqualTo("actual_mean");
        assertThat(n.get(88)).isEqualTo("velocity_acceleration");
    }

    @Test
    void workedExamplesOfTheSpec() {
        assertThat(FeatureSchema.hashOf(List.of("pred_mean", "lane_agreement_8", "actual_std")))
                .isEqualTo("f619e35c4377a439");
        assertThat(FeatureSchema.hashOf(List.of("b", "a", "c"))).isEqualTo("205830ca5b23bbe3");
    }

    @Test
    void exclusionsAreAppliedToFeatureKeysOnly() {
        FeatureSchema s = FeatureSchema.fromFeatureKeys(List.of("b", "score", "a", "holdout_quality", "c"));
        assertThat(s.names()).containsExactly("a", "b", "c");
        assertThat(s.hash()).isEqualTo("205830ca5b23bbe3");
    }
}
