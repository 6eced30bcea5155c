package dev.survivor.kernels.prng;

/** xorshift64* (12, 25, 27, multiplier 0x2545F4914F6CDD1D); the output is the low 32 bits. */
final class Xorshift64 extends PrngStream {
    static final long MUL = 0x2545F4914F6CDD1DL;
    private long s;

    @Override
    public void seed(long seed) {
        s = seed;
    }

    @Override
    public long next() {
        long x = s;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        x *= MUL;
        s = x;
        return x & 0xFFFFFFFFL;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        long x = s;
        for (int i = 0; i < n; i++) {
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            x *= MUL;
            out[off + i] = (int) ((x & 0xFFFFFFFFL) % mod);
        }
        s = x;
    }
}
