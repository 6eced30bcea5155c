package dev.survivor.kernels.prng;

/** Marsaglia xorshift32 (13, 17, 5); seed 0 stays 0. */
final class Xorshift32 extends PrngStream {
    private int s;

    @Override
    public void seed(long seed) {
        s = (int) seed;
    }

    @Override
    public long next() {
        int x = s;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        s = x;
        return x & 0xFFFFFFFFL;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        int x = s;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            out[off + i] = (int) ((x & 0xFFFFFFFFL) % mod);
        }
        s = x;
    }
}
