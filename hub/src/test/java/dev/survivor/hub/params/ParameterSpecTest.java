package dev.survivor.hub.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void intIsRangeCheckedAndAcceptsNumericText() throws Exception {
        ParameterSpec s = ParameterSpec.ofInt("batch_size", 64, 1, 4096, "");
        assertThat(s.validate(F.textNode("128")).asLong()).isEqualTo(128);
        assertThat(s.validate(F.numberNode(4096)).asLong()).isEqualTo(4096);
        assertThat(s.validate(F.numberNode(2.0)).isIntegralNumber()).isTrue();
        assertThatThrownBy(() -> s.validate(F.numberNode(5000)))
                .isInstanceOf(ParameterSpec.InvalidValueException.class)
                .hasMessage("value 5000 for 'batch_size' is outside the range [1, 4096]");
        assertThatThrownBy(() -> s.validate(F.numberNode(2.5))).hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> s.validate(F.textNode("lots"))).hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> s.validate(null)).hasMessageContaining("missing");
    }

    @Test
    void floatRejectsNonFiniteAndOutOfRange() throws Exception {
        ParameterSpec s = ParameterSpec.ofFloat("lr", 0.1, 0.0, 1.0, "");
        assertThat(s.validate(F.textNode("0.5")).asDouble()).isEqualTo(0.5);
        assertThatThrownBy(() -> s.validate(F.textNode("NaN"))).hasMessageContaining("finite");
        assertThatThrownBy(() -> s.validate(F.numberNode(-0.1))).hasMessageContaining("outside the range [0, 1]");
    }

    @Test
    void choiceAndBool() throws Exception {
        ParameterSpec c = ParameterSpec.ofChoice("backend", "cpu", List.of("cpu", "cuda"), "");
        assertThat(c.validate(F.textNode("cuda")).asText()).isEqualTo("cuda");
        assertThatThrownBy(() -> c.validate(F.textNode("hip"))).hasMessageContaining("not one of [cpu, cuda]");
        ParameterSpec b = ParameterSpec.ofBool("verbose", false, "");
        assertThat(b.validate(F.textNode("yes")).asBoolean()).isTrue();
        assertThatThrownBy(() -> b.validate(F.textNode("maybe"))).hasMessageContaining("true or false");
    }

    @Test
    void inconsistentSpecsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> ParameterSpec.ofInt("n", 0, 1, 10, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default");
        assertThatThrownBy(() -> ParameterSpec.ofInt("n", 5, 10, 1, "")).hasMessageContaining("min 10.0 > max 1.0");
        assertThatThrownBy(() -> new ParameterSpec("m", ParameterType.CHOICE, F.textNode("a"), null, null,
                List.of(), "")).hasMessageContaining("choices");
        assertThatThrownBy(() -> ParameterType.parse("complex")).hasMessageContaining("unknown parameter type");
    }
}
