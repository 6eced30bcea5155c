package dev.survivor.kernels.prng;

/** PCG32 XSH-RR without the srandom warm-up; the output comes from the state before the step. */
final class Pcg32 extends PrngStream {
    static final long MUL = 6364136223846793005L;
    static final long INC = 1442695040888963407L | 1L;
    private long s;

    @Override
    public void seed(long seed) {
        s = seed;
    }

    @Override
    public long next() {
        long old = s;
        s = old * MUL + INC;
        return output(old) & 0xFFFFFFFFL;
    }

    private static int output(long old) {
        int xs = (int) (((old >>> 18) ^ old) >>> 27);
        int r = (int) (old >>> 59);
        return Integer.rotateRight(xs, r);
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        long st = s;
        for (int i = 0; i < n; i++) {
            long old = st;
            st = old * MUL + INC;
            out[off + i] = (int) ((output(old) & 0xFFFFFFFFL) % mod);
        }
        s = st;
    }
}
