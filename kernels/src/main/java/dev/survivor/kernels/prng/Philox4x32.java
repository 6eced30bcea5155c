package dev.survivor.kernels.prng;

/** Philox4x32-10, counter-based: output i is word 0 of the block for counter (skip + i, 0, 0, 0). */
final class Philox4x32 extends PrngStream {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private int key0;
    private int key1;
    private long counter;

    @Override
    public void seed(long seed) {
        key0 = (int) seed;
        key1 = (int) (seed >>> 32);
        counter = 0;
    }

    @Override
    public void skip(long k) {
        counter += k;
    }

    /** Word 0 of the Philox4x32-10 block for the counter (c mod 2^32 in the low word, zeros above). */
    static int block(long c, int k0, int k1) {
        int c0 = (int) c;
        int c1 = (int) (c >>> 32); // a Python int counter spills into word 1 past 2^32
        int c2 = 0;
        int c3 = 0;
        for (int round = 0; round < 10; round++) {
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        return c0;
    }

    @Override
    public long next() {
        return block(counter++, key0, key1) & 0xFFFFFFFFL;
    }
}
