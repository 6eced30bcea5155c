package dev.survivor.kernels.prng;

/**
 * A mutable generator state that is reseeded per seed, so scoring loops create no garbage.
 * Not thread-safe: one stream per worker thread.
 */
public abstract sealed class PrngStream
        permits JavaLcg, Minstd, Lcg32, Xorshift32, Xorshift64, Xorshift128, Pcg32, Mt19937,
                Xoshiro256pp, Philox4x32, Sfc64 {

    /** Resets the state for an unsigned 64-bit seed. */
    public abstract void seed(long seed);

    /** The next raw output word (unsigned; 64-bit families use all 64 bits). */
    public abstract long next();

    /** Generates and discards {@code k} outputs (the reference's {@code skip}). */
    public void skip(long k) {
        for (long i = 0; i < k; i++) {
            next();
        }
    }

    /**
     * Writes the next {@code n} outputs reduced modulo {@code mod} (unsigned) into {@code out}.
     * Subclasses override this with a loop over local state, which is what the hot path uses.
     */
    public void fillMod(int mod, int[] out, int off, int n) {
        for (int i = 0; i < n; i++) {
            out[off + i] = (int) Long.remainderUnsigned(next(), mod);
        }
    }
}
