package dev.survivor.kernels.prng;

/** Marsaglia xorshift128 with x = seed (32 bits) and the classic constants for y, z, w. */
final class Xorshift128 extends PrngStream {
    private int x;
    private int y;
    private int z;
    private int w;

    @Override
    public void seed(long seed) {
        x = (int) seed;
        y = 362436069;
        z = 521288629;
        w = 88675123;
    }

    @Override
    public long next() {
        int t = x ^ (x << 11);
        x = y;
        y = z;
        z = w;
        w = w ^ (w >>> 19) ^ t ^ (t >>> 8);
        return w & 0xFFFFFFFFL;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        int a = x;
        int b = y;
        int c = z;
        int d = w;
        for (int i = 0; i < n; i++) {
            int t = a ^ (a << 11);
            a = b;
            b = c;
            c = d;
            d = d ^ (d >>> 19) ^ t ^ (t >>> 8);
            out[off + i] = (int) ((d & 0xFFFFFFFFL) % mod);
        }
        x = a;
        y = b;
        z = c;
        w = d;
    }
}
