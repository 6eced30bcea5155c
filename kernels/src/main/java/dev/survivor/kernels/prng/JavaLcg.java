package dev.survivor.kernels.prng;

/** java_lcg: 48-bit LCG without java.util.Random's scrambling; output bits 47..16 after the step. */
final class JavaLcg extends PrngStream {
    static final long A = 0x5DEECE66DL;
    static final long C = 0xBL;
    static final long MASK48 = (1L << 48) - 1;
    private long s;

    @Override
    public void seed(long seed) {
        s = seed & MASK48;
    }

    @Override
    public long next() {
        s = (s * A + C) & MASK48;
        return s >>> 16;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        long st = s;
        long c = FastMod.magic(mod);
        for (int i = 0; i < n; i++) {
            st = (st * A + C) & MASK48;
            out[off + i] = (int) FastMod.reduce(st >>> 16, c, mod);
        }
        s = st;
    }
}
