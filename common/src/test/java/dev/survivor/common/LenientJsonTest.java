package dev.survivor.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class LenientJsonTest {
    @Test
    void readsPythonsBareNanAndInfinityAndLongNumbers() throws Exception {
        String digits = "1".repeat(2000);
        JsonNode n = LenientJson.mapper().readTree("{\"a\": NaN, \"b\": -Infinity, \"c\": " + digits + "}");
        assertThat(n.get("a").asDouble()).isNaN();
        assertThat(n.get("b").asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(n.get("c").bigIntegerValue().toString()).isEqualTo(digits);
    }

    @Test
    void eachCallerGetsItsOwnMapper() throws Exception {
        assertThat(LenientJson.mapper()).isNotSameAs(LenientJson.mapper());
        assertThat(LenientJson.indented().writeValueAsString(java.util.Map.of("k", 1))).contains("\n");
    }
}
