package dev.survivor.kernels.backend.nativecpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.kernels.conformance.ConformanceChecker;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public Step 3 conformance case, scored end to end (Step3Scorer) by the native backend. */
class NativeBackendConformanceTest {
    private static final ConformanceChecker CHECKER = new ConformanceChecker();

    @BeforeAll
    static void fastPlanning() {
        System.setProperty(NativeCpuBackend.PLANNER_PROPERTY, "estimate");
    }

    static List<String> cases() {
        return ConformanceChecker.caseFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(String file) {
        assertThat(CHECKER.check(NativeCpuBackendProvider.NAME, 2, file)).isEmpty();
    }
}
