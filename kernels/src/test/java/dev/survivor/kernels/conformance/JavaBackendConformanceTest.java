package dev.survivor.kernels.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public Step 3 conformance case, scored by the pure-Java backend (the oracle). */
class JavaBackendConformanceTest {
    private static final ConformanceChecker CHECKER = new ConformanceChecker();

    static List<String> cases() {
        return ConformanceChecker.caseFiles();
    }

    @Test
    void allTwentyThreeCasesAreListed() {
        assertThat(cases()).hasSize(23);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(String file) {
        assertThat(CHECKER.check("java", 2, file)).isEmpty();
    }

    @ParameterizedTest(name = "{0} (1 thread)")
    @MethodSource("cases")
    void singleThreadGivesTheSameAnswer(String file) {
        assertThat(CHECKER.check("java", 1, file)).isEmpty();
    }
}
