package dev.survivor.kernels.backend;

import dev.survivor.kernels.prng.PrngFamily;

/** The kernel source's PRNG family ids (native/src/main/cuda/ss_prng.h), shared by every native and GPU backend. */
public final class KernelFamilyIds {
    private KernelFamilyIds() {
    }

    /** The family id of {@code family}; explicit so that reordering the enum cannot break it. */
    public static int of(PrngFamily family) {
        return switch (family) {
            case JAVA_LCG -> 0;
            case MINSTD -> 1;
            case LCG32 -> 2;
            case XORSHIFT32 -> 3;
            case XORSHIFT64 -> 4;
            case XORSHIFT128 -> 5;
            case PCG32 -> 6;
            case MT19937 -> 7;
            case XOSHIRO256PP -> 8;
            case PHILOX4X32 -> 9;
            case SFC64 -> 10;
        };
    }
}
