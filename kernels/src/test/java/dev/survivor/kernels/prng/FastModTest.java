package dev.survivor.kernels.prng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastModTest {

    @Test
    void equalsTheRemainderForEdgeAndRandomValues() {
        SplittableRandom rng = new SplittableRandom(8);
        long[] divisors = {1, 2, 3, 7, 10, 125, 999, 1000, 1001, 32768, 65537, 2147483647L, 0xFFFFFFFFL,
                1 + rng.nextLong(0xFFFFFFFFL), 1 + rng.nextLong(0xFFFFFFFFL)};
        for (long d : divisors) {
            long c = FastMod.magic(d);
            long[] edge = {0, 1, d - 1, d, d + 1, 2 * d - 1, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL};
            for (long a : edge) {
                if (a >= 0 && a <= 0xFFFFFFFFL) {
                    assertThat(FastMod.reduce(a, c, d)).as("%d mod %d", a, d).isEqualTo(a % d);
                }
            }
            for (int i = 0; i < 20_000; i++) {
                long a = rng.nextLong(1L << 32);
                assertThat(FastMod.reduce(a, c, d)).as("%d mod %d", a, d).isEqualTo(a % d);
            }
        }
    }

    @Test
    void rejectsDivisorsOutsideTheContract() {
        assertThatThrownBy(() -> FastMod.magic(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FastMod.magic(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
