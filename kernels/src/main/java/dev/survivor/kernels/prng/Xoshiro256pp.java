package dev.survivor.kernels.prng;

/** xoshiro256++ seeded as (seed, fixed constants), no warm-up; full 64-bit output. */
final class Xoshiro256pp extends PrngStream {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    @Override
    public void seed(long seed) {
        s0 = seed;
        s1 = 0x9E3779B97F4A7C15L;
        s2 = 0x6A09E667F3BCC908L;
        s3 = 0xBB67AE8584CAA73BL;
    }

    @Override
    public long next() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        for (int i = 0; i < n; i++) {
            out[off + i] = (int) Long.remainderUnsigned(next(), mod);
        }
    }
}
