package dev.survivor.kernels.prng;

/** SFC64 seeded as (seed, fixed b, fixed c, counter 1) without warm-up rounds; 64-bit output. */
final class Sfc64 extends PrngStream {
    private long a;
    private long b;
    private long c;
    private long counter;

    @Override
    public void seed(long seed) {
        a = seed;
        b = 0x9E3779B97F4A7C15L;
        c = 0x6A09E667F3BCC908L;
        counter = 1;
    }

    @Override
    public long next() {
        long tmp = a + b + counter;
        counter++;
        a = b ^ (b >>> 11);
        b = c + (c << 3);
        c = Long.rotateLeft(c, 24) + tmp;
        return tmp;
    }
}
