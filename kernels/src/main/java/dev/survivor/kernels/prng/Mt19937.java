package dev.survivor.kernels.prng;

/** MT19937 with plain init_genrand (the C++ std::mt19937 seeding), 32-bit tempered output. */
final class Mt19937 extends PrngStream {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908B0DF;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7FFFFFFF;
    private final int[] mt = new int[N];
    private int index;

    @Override
    public void seed(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & UPPER) | (mt[(i + 1) % N] & LOWER);
            int v = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                v ^= MATRIX_A;
            }
            mt[i] = v;
        }
        index = 0;
    }

    private int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    @Override
    public long next() {
        return nextInt() & 0xFFFFFFFFL;
    }

    @Override
    public void fillMod(int mod, int[] out, int off, int n) {
        for (int i = 0; i < n; i++) {
            out[off + i] = (int) ((nextInt() & 0xFFFFFFFFL) % mod);
        }
    }
}
