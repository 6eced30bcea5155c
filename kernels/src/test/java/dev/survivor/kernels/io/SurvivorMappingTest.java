package dev.survivor.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.kernels.features.FeatureCatalogue;
import org.junit.jupiter.api.Test;

class SurvivorMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static double meta(Survivor s, String field) {
        return s.metadata()[FeatureCatalogue.METADATA.indexOf(field)];
    }

    @Test
    void copiesTheEighteenFieldsAndIgnoresTheRest() throws Exception {
        Survivor s = SurvivorMapping.fromRecord(7, json("""
                {"seed": 7, "forward_count": 121.0, "intersection_ratio": 0.057591624557971954, "skip_min": 2,
                 "skip_max": 9, "skip_range": 7, "score": 0.15, "window_size": 50, "prng_type": "java_lcg",
                 "skip_mean": null, "sessions": ["midday"], "forward_match_rate": 0.1}"""));
        assertThat(s.seed()).isEqualTo(7);
        assertThat(meta(s, "forward_count")).isEqualTo(121.0);
        assertThat(meta(s, "intersection_ratio")).isEqualTo(0.057591624557971954);
        assertThat(meta(s, "skip_range")).isEqualTo(7.0);
        assertThat(meta(s, "skip_mean")).isEqualTo(0.0);
        assertThat(s.holdoutSkip()).isEqualTo(2);
        assertThat(s.metadata()).hasSize(18);
    }

    @Test
    void skipRangeStringIsTheDifference() throws Exception {
        Survivor s = SurvivorMapping.fromRecord(1, json("{\"skip_range\": \"3-29\", \"skip_min\": \"3\"}"));
        assertThat(meta(s, "skip_range")).isEqualTo(26.0);
        assertThat(meta(s, "skip_min")).isEqualTo(3.0);
    }

    @Test
    void holdoutSkipPrefersSkipBestThenSkipMin() throws Exception {
        assertThat(SurvivorMapping.fromRecord(1, json("{\"skip_best\": 2000, \"skip_min\": 4}")).holdoutSkip()).isEqualTo(2000);
        assertThat(SurvivorMapping.fromRecord(1, json("{\"skip_best\": -1, \"skip_min\": 4.9}")).holdoutSkip()).isEqualTo(4);
        assertThat(SurvivorMapping.fromRecord(1, json("{\"skip_best\": null, \"skip_min\": -3}")).holdoutSkip()).isZero();
        assertThat(SurvivorMapping.fromRecord(1, json("{}")).holdoutSkip()).isZero();
        assertThat(SurvivorMapping.fromRecord(1, null).metadata()).containsOnly(0.0);
    }

    @Test
    void nonNumericValuesNameSeedAndField() throws Exception {
        assertThatThrownBy(() -> SurvivorMapping.fromRecord(-1L, json("{\"forward_count\": \"many\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("18446744073709551615").hasMessageContaining("'forward_count'")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> SurvivorMapping.fromRecord(5, json("{\"skip_max\": \"3-29\"}")))
                .hasMessageContaining("'skip_max'");
        assertThatThrownBy(() -> SurvivorMapping.fromRecord(5, json("{\"skip_range\": [3, 29]}")))
                .hasMessageContaining("'skip_range'").hasMessageContaining("array");
        assertThatThrownBy(() -> SurvivorMapping.fromRecord(5, json("{\"skip_min\": true}")))
                .hasMessageContaining("'skip_min'");
        assertThatThrownBy(() -> SurvivorMapping.fromRecord(5, json("{\"skip_best\": \"x\"}")))
                .hasMessageContaining("'skip_best'");
        assertThatThrownBy(() -> SurvivorMapping.fromRecord(5, json("{\"skip_std\": \"nan\"}")))
                .hasMessageContaining("'skip_std'").hasMessageContaining("finite");
    }
}
