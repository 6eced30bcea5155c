package dev.survivor.kernels.prng;

/** minstd (Park–Miller, a = 48271, m = 2^31 − 1); a zero state is replaced by 1. */
final class Minstd extends PrngStream {
    static final long A = 48271L;
    static final long M = 2147483647L;
    private long s;

    @Override
    public void seed(long seed) {
        s = Long.remainderUnsigned(seed, M);
        if (s == 0) {
            s = 1;
        }
    }

    @Override
    public long next() {
        s = (A * s) % M;
        return s;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        long st = s;
        for (int i = 0; i < n; i++) {
            st = (A * st) % M;
            out[off + i] = (int) (st % mod);
        }
        s = st;
    }
}
