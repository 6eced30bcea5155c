package dev.survivor.kernels.prng;

/** lcg32 with the registry defaults a = 1103515245, c = 12345, m = 2^31 − 1 (not 2^31). */
final class Lcg32 extends PrngStream {
    static final long A = 1103515245L;
    static final long C = 12345L;
    static final long M = 0x7FFFFFFFL;
    private long s;

    @Override
    public void seed(long seed) {
        s = seed & 0xFFFFFFFFL;
    }

    @Override
    public long next() {
        // s < 2^32 and A < 2^31, so the product fits in 63 bits
        s = (A * s + C) % M;
        return s;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        long st = s;
        for (int i = 0; i < n; i++) {
            st = (A * st + C) % M;
            out[off + i] = (int) (st % mod);
        }
        s = st;
    }
}
