package dev.survivor.kernels.prng;

/**
 * Remainder of an unsigned 32-bit value by a fixed divisor without a division instruction
 * (Lemire, Kaser and Kurz, "Faster Remainder by Direct Computation", 2019): with
 * {@code c = floor((2^64 − 1) / d) + 1}, {@code a mod d = mulhi(c·a mod 2^64, d)}, exact for every
 * 32-bit a and every divisor 1 ≤ d < 2^32. A 64-bit {@code %} by a run-time divisor costs about 15
 * cycles on current x86; this costs two multiplies, which overlap the generator's serial chain.
 */
public final class FastMod {
    private FastMod() {
    }

    /** The constant for divisor {@code d} (1 ≤ d < 2^32). */
    public static long magic(long d) {
        if (d < 1 || d > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("divisor must be in 1..2^32-1, got " + d);
        }
        return Long.divideUnsigned(-1L, d) + 1;
    }

    /** {@code a mod d} for an unsigned 32-bit {@code a} (0 ≤ a < 2^32) and {@code c = magic(d)}. */
    public static long reduce(long a, long c, long d) {
        return Math.unsignedMultiplyHigh(c * a, d);
    }
}
