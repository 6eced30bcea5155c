package dev.survivor.kernels.prng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/prng.md §0 (skip invariant, unsigned reduction) and §4 (registry names for scoring). */
class PrngSkipAndRegistryTest {

    @ParameterizedTest
    @EnumSource(PrngFamily.class)
    void skipDiscardsExactlyKOutputs(PrngFamily family) {
        SplittableRandom rng = new SplittableRandom(family.ordinal());
        for (long seed : new long[] {0, 1, 12345, -1L, Long.MIN_VALUE, rng.nextLong(), rng.nextLong()}) {
            for (int k : new int[] {0, 1, 7, 700}) {
                long[] all = family.generate(seed, 20 + k, 0);
                assertThat(family.generate(seed, 20, k)).as("%s seed %s skip %d", family, Long.toUnsignedString(seed), k)
                        .containsExactly(Arrays.copyOfRange(all, k, k + 20));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PrngFamily.class)
    void fillModIsTheUnsignedRemainderOfNext(PrngFamily family) {
        SplittableRandom rng = new SplittableRandom(99 + family.ordinal());
        for (int mod : new int[] {1, 7, 1000, 32768, 2147483647}) {
            long seed = rng.nextLong();
            long[] raw = family.generate(seed, 50, 0);
            PrngStream s = family.newStream();
            s.seed(seed);
            int[] got = new int[50];
            s.fillMod(mod, got, 0, 30);
            s.fillMod(mod, got, 30, 20); // continues where the first call stopped
            for (int i = 0; i < 50; i++) {
                assertThat(got[i]).as("%s mod %d #%d", family, mod, i).isEqualTo((int) Long.remainderUnsigned(raw[i], mod));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PrngFamily.class)
    void outputsFitTheWordWidth(PrngFamily family) {
        long[] out = family.generate(0xDEADBEEFCAFEL, 200, 0);
        if (family.outputBits() == 32) {
            assertThat(Arrays.stream(out).allMatch(v -> v >= 0 && v <= 0xFFFFFFFFL)).isTrue();
        } else {
            assertThat(Arrays.stream(out).anyMatch(v -> v < 0)).isTrue(); // some words ≥ 2^63 show up as negative longs
        }
    }

    @Test
    void registryHas44Names() {
        List<String> names = PrngRegistry.registryNames();
        assertThat(names).hasSize(44).doesNotHaveDuplicates();
        assertThat(PrngRegistry.scorableNames()).hasSize(26);
    }

    static List<String> registryNames() {
        return PrngRegistry.registryNames();
    }

    @ParameterizedTest
    @MethodSource("registryNames")
    void everyRegistryNameResolvesOrExplainsWhyNot(String name) {
        String base = name.replace("_hybrid", "").replace("_reverse", "");
        PrngFamily family = PrngFamily.byId(base);
        boolean reverse = name.endsWith("_reverse");
        boolean forwardReverse = family == PrngFamily.XOSHIRO256PP || family == PrngFamily.SFC64;
        if (!reverse || forwardReverse) {
            assertThat(PrngRegistry.resolveForScoring(name)).isEqualTo(family);
        } else {
            assertThatThrownBy(() -> PrngRegistry.resolveForScoring(name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name).hasMessageContaining("no scoring generator")
                    .hasMessageContaining("'" + family.id() + "'");
        }
    }

    @Test
    void eighteenReverseNamesHaveNoGenerator() {
        long failing = PrngRegistry.registryNames().stream().filter(n -> {
            try {
                PrngRegistry.resolveForScoring(n);
                return false;
            } catch (IllegalArgumentException e) {
                return true;
            }
        }).count();
        assertThat(failing).isEqualTo(18);
    }

    @Test
    void unknownAndEmptyNamesAreRejectedClearly() {
        assertThatThrownBy(() -> PrngRegistry.resolveForScoring("randu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown PRNG family 'randu'").hasMessageContaining("java_lcg");
        assertThatThrownBy(() -> PrngRegistry.resolveForScoring("Java_LCG"))
                .hasMessageContaining("unknown PRNG family");
        assertThatThrownBy(() -> PrngRegistry.resolveForScoring(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> PrngFamily.byId("mt19937_hybrid")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hybridAndForwardReverseAliasesGenerateLikeTheBase() {
        assertThat(PrngRegistry.resolveForScoring("mt19937_hybrid")).isEqualTo(PrngFamily.MT19937);
        assertThat(PrngRegistry.resolveForScoring("sfc64_hybrid_reverse")).isEqualTo(PrngFamily.SFC64);
        assertThat(PrngRegistry.resolveForScoring("xoshiro256pp_reverse")).isEqualTo(PrngFamily.XOSHIRO256PP);
    }
}
