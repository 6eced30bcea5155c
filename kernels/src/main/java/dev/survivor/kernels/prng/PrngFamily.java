package dev.survivor.kernels.prng;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The 11 base PRNG families of docs/prng.md §1, bit-exact with the reference CPU functions.
 * Seeds are unsigned 64-bit values carried in a {@code long}; each family masks them itself.
 */
public enum PrngFamily {
    JAVA_LCG("java_lcg", 32, JavaLcg::new),
    MINSTD("minstd", 32, Minstd::new),
    LCG32("lcg32", 32, Lcg32::new),
    XORSHIFT32("xorshift32", 32, Xorshift32::new),
    XORSHIFT64("xorshift64", 32, Xorshift64::new),
    XORSHIFT128("xorshift128", 32, Xorshift128::new),
    PCG32("pcg32", 32, Pcg32::new),
    MT19937("mt19937", 32, Mt19937::new),
    XOSHIRO256PP("xoshiro256pp", 64, Xoshiro256pp::new),
    PHILOX4X32("philox4x32", 32, Philox4x32::new),
    SFC64("sfc64", 64, Sfc64::new);

    private final String id;
    private final int outputBits;
    private final Supplier<PrngStream> factory;

    PrngFamily(String id, int outputBits, Supplier<PrngStream> factory) {
        this.id = id;
        this.outputBits = outputBits;
        this.factory = factory;
    }

    /** The registry name, e.g. {@code java_lcg}. */
    public String id() {
        return id;
    }

    /** 32 for families whose output word is 32-bit, 64 for xoshiro256pp and sfc64. */
    public int outputBits() {
        return outputBits;
    }

    /** A fresh, reusable stream (not thread-safe); call {@link PrngStream#seed} before use. */
    public PrngStream newStream() {
        return factory.get();
    }

    /**
     * The reference CPU function: {@code n} consecutive raw outputs after {@code skip} discarded
     * ones. 64-bit outputs are unsigned values in a long.
     */
    public long[] generate(long seed, int n, long skip) {
        PrngStream s = newStream();
        s.seed(seed);
        s.skip(skip);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.next();
        }
        return out;
    }

    /** Looks up a base family by its registry id (case-sensitive, as in the reference). */
    public static PrngFamily byId(String id) {
        for (PrngFamily f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown PRNG family '" + id + "'");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
