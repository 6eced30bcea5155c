/*
 * ss_prng.h - the 11 generator families of docs/prng.md section 1, bit-exact with dev.survivor.kernels.prng (the Java
 * reference). Family ids are PrngFamily.ordinal(). Every function is __host__ __device__.
 */
#ifndef SS_PRNG_H
#define SS_PRNG_H
#include "ss_compat.h"

enum {
    SS_JAVA_LCG = 0, SS_MINSTD = 1, SS_LCG32 = 2, SS_XORSHIFT32 = 3, SS_XORSHIFT64 = 4, SS_XORSHIFT128 = 5,
    SS_PCG32 = 6, SS_MT19937 = 7, SS_XOSHIRO256PP = 8, SS_PHILOX4X32 = 9, SS_SFC64 = 10, SS_FAMILY_COUNT = 11
};

#define SS_LCG48_A 0x5DEECE66DULL
#define SS_LCG48_C 0xBULL
#define SS_MASK48 ((1ULL << 48) - 1)

__host__ __device__ __forceinline__ ss_u64 ss_rotl64(ss_u64 x, int k) { return (x << k) | (x >> (64 - k)); }
__host__ __device__ __forceinline__ ss_u32 ss_rotr32(ss_u32 x, ss_u32 r) { return (x >> r) | (x << ((32 - r) & 31)); }

/* (a, c) such that k steps of s -> A s + C (mod 2^48) equal s -> a s + c: binary powering */
__host__ __device__ __forceinline__ void ss_lcg48_jump(ss_u64 k, ss_u64* a_out, ss_u64* c_out) {
    ss_u64 a = 1, c = 0, pa = SS_LCG48_A, pc = SS_LCG48_C;
    while (k) {
        if (k & 1) { a = (a * pa) & SS_MASK48; c = (c * pa + pc) & SS_MASK48; }
        pc = (pc * pa + pc) & SS_MASK48;
        pa = (pa * pa) & SS_MASK48;
        k >>= 1;
    }
    *a_out = a; *c_out = c;
}

/* Philox4x32-10, word 0 of the block for counter c (low word c mod 2^32, word 1 = c >> 32) */
__host__ __device__ __forceinline__ ss_u32 ss_philox_word0(ss_u64 c, ss_u32 k0, ss_u32 k1) {
    ss_u32 c0 = (ss_u32)c, c1 = (ss_u32)(c >> 32), c2 = 0, c3 = 0;
    for (int round = 0; round < 10; ++round) {
        ss_u64 p0 = 0xD2511F53ULL * (ss_u64)c0;
        ss_u64 p1 = 0xCD9E8D57ULL * (ss_u64)c2;
        ss_u32 hi0 = (ss_u32)(p0 >> 32), lo0 = (ss_u32)p0, hi1 = (ss_u32)(p1 >> 32), lo1 = (ss_u32)p1;
        c0 = hi1 ^ c1 ^ k0; c1 = lo1; c2 = hi0 ^ c3 ^ k1; c3 = lo0;
        k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
    }
    return c0;
}

/* out[i*stride] = raw 32-bit word i; returns after n words (skip already applied by the caller's state) */
#define SS_EMIT32(expr) for (int i = 0; i < n; ++i) { out[(ss_i64)i * stride] = (ss_u32)(expr); }

/*
 * Raw outputs skip .. skip+n-1 of family f for seed. 32-bit families write words to out32 (unsigned);
 * 64-bit families (xoshiro256pp, sfc64) write out64 instead (out32 untouched). Returns 64 or 32.
 */
__host__ __device__ inline int ss_generate_raw(int f, ss_u64 seed, ss_u64 skip, int n,
                                               ss_u32* out, ss_i64 stride, ss_u64* out64) {
    switch (f) {
    case SS_JAVA_LCG: {
        ss_u64 ja, jc;
        ss_lcg48_jump(skip, &ja, &jc);
        ss_u64 s = ((seed & SS_MASK48) * ja + jc) & SS_MASK48;
#ifdef SS_HOST
        /* four interleaved lanes (jump-ahead by 4) break the serial multiply chain */
        if (stride == 1 && n >= 8) {
            ss_u64 a4, c4;
            ss_lcg48_jump(4, &a4, &c4);
            ss_u64 l0 = (s * SS_LCG48_A + SS_LCG48_C) & SS_MASK48;
            ss_u64 l1 = (l0 * SS_LCG48_A + SS_LCG48_C) & SS_MASK48;
            ss_u64 l2 = (l1 * SS_LCG48_A + SS_LCG48_C) & SS_MASK48;
            ss_u64 l3 = (l2 * SS_LCG48_A + SS_LCG48_C) & SS_MASK48;
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                out[i] = (ss_u32)(l0 >> 16); out[i + 1] = (ss_u32)(l1 >> 16);
                out[i + 2] = (ss_u32)(l2 >> 16); out[i + 3] = (ss_u32)(l3 >> 16);
                l0 = (l0 * a4 + c4) & SS_MASK48; l1 = (l1 * a4 + c4) & SS_MASK48;
                l2 = (l2 * a4 + c4) & SS_MASK48; l3 = (l3 * a4 + c4) & SS_MASK48;
            }
            ss_u64 t = l0;
            for (; i < n; ++i) { out[i] = (ss_u32)(t >> 16); t = (t * SS_LCG48_A + SS_LCG48_C) & SS_MASK48; }
            return 32;
        }
#endif
        SS_EMIT32((s = (s * SS_LCG48_A + SS_LCG48_C) & SS_MASK48) >> 16)
        return 32;
    }
    case SS_MINSTD: {
        ss_u64 s = seed % 2147483647ULL;
        if (s == 0) s = 1;
        for (ss_u64 k = 0; k < skip; ++k) s = (48271ULL * s) % 2147483647ULL;
        SS_EMIT32(s = (48271ULL * s) % 2147483647ULL)
        return 32;
    }
    case SS_LCG32: {
        ss_u64 s = seed & 0xFFFFFFFFULL;
        for (ss_u64 k = 0; k < skip; ++k) s = (1103515245ULL * s + 12345ULL) % 0x7FFFFFFFULL;
        SS_EMIT32(s = (1103515245ULL * s + 12345ULL) % 0x7FFFFFFFULL)
        return 32;
    }
    case SS_XORSHIFT32: {
        ss_u32 x = (ss_u32)seed;
        for (ss_u64 k = 0; k < skip; ++k) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; }
        for (int i = 0; i < n; ++i) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            out[(ss_i64)i * stride] = x;
        }
        return 32;
    }
    case SS_XORSHIFT64: {
        ss_u64 x = seed;
        for (ss_u64 k = 0; k < skip; ++k) { x ^= x >> 12; x ^= x << 25; x ^= x >> 27; x *= 0x2545F4914F6CDD1DULL; }
        for (int i = 0; i < n; ++i) {
            x ^= x >> 12; x ^= x << 25; x ^= x >> 27; x *= 0x2545F4914F6CDD1DULL;
            out[(ss_i64)i * stride] = (ss_u32)x;
        }
        return 32;
    }
    case SS_XORSHIFT128: {
        ss_u32 a = (ss_u32)seed, b = 362436069u, c = 521288629u, d = 88675123u;
        for (ss_u64 k = 0; k < skip + (ss_u64)n; ++k) {
            ss_u32 t = a ^ (a << 11);
            a = b; b = c; c = d;
            d = d ^ (d >> 19) ^ t ^ (t >> 8);
            if (k >= skip) out[(ss_i64)(k - skip) * stride] = d;
        }
        return 32;
    }
    case SS_PCG32: {
        ss_u64 s = seed;
        const ss_u64 mul = 6364136223846793005ULL, inc = 1442695040888963407ULL | 1ULL;
        for (ss_u64 k = 0; k < skip; ++k) s = s * mul + inc;
        for (int i = 0; i < n; ++i) {
            ss_u64 old = s;
            s = old * mul + inc;
            ss_u32 xs = (ss_u32)(((old >> 18) ^ old) >> 27);
            out[(ss_i64)i * stride] = ss_rotr32(xs, (ss_u32)(old >> 59));
        }
        return 32;
    }
    case SS_MT19937: {
        ss_u32 mt[624];
        mt[0] = (ss_u32)seed;
        for (int i = 1; i < 624; ++i) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (ss_u32)i;
        int index = 624;
        for (ss_u64 k = 0; k < skip + (ss_u64)n; ++k) {
            if (index >= 624) {
                for (int i = 0; i < 624; ++i) {
                    ss_u32 y = (mt[i] & 0x80000000u) | (mt[(i + 1) % 624] & 0x7FFFFFFFu);
                    ss_u32 v = mt[(i + 397) % 624] ^ (y >> 1);
                    if (y & 1u) v ^= 0x9908B0DFu;
                    mt[i] = v;
                }
                index = 0;
            }
            ss_u32 y = mt[index++];
            y ^= y >> 11; y ^= (y << 7) & 0x9D2C5680u; y ^= (y << 15) & 0xEFC60000u; y ^= y >> 18;
            if (k >= skip) out[(ss_i64)(k - skip) * stride] = y;
        }
        return 32;
    }
    case SS_XOSHIRO256PP: {
        ss_u64 s0 = seed, s1 = 0x9E3779B97F4A7C15ULL, s2 = 0x6A09E667F3BCC908ULL, s3 = 0xBB67AE8584CAA73BULL;
        for (ss_u64 k = 0; k < skip + (ss_u64)n; ++k) {
            ss_u64 r = ss_rotl64(s0 + s3, 23) + s0;
            ss_u64 t = s1 << 17;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = ss_rotl64(s3, 45);
            if (k >= skip) out64[(ss_i64)(k - skip) * stride] = r;
        }
        return 64;
    }
    case SS_PHILOX4X32: {
        ss_u32 k0 = (ss_u32)seed, k1 = (ss_u32)(seed >> 32);
        SS_EMIT32(ss_philox_word0(skip + (ss_u64)i, k0, k1))
        return 32;
    }
    case SS_SFC64: {
        ss_u64 a = seed, b = 0x9E3779B97F4A7C15ULL, c = 0x6A09E667F3BCC908ULL, counter = 1;
        for (ss_u64 k = 0; k < skip + (ss_u64)n; ++k) {
            ss_u64 tmp = a + b + counter;
            ++counter;
            a = b ^ (b >> 11); b = c + (c << 3); c = ss_rotl64(c, 24) + tmp;
            if (k >= skip) out64[(ss_i64)(k - skip) * stride] = tmp;
        }
        return 64;
    }
    default:
        return 0;
    }
}

/*
 * P[i] = (raw output skip+i) mod M (unsigned), written as int to P[i*stride]. raw64 is scratch of n
 * words for the 64-bit families (may alias nothing else). Returns 0, or -1 for an unknown family.
 */
__host__ __device__ inline int ss_predictions(int f, ss_u64 seed, ss_u64 skip, int n, int mod,
                                              int* P, ss_i64 stride, ss_u64* raw64) {
    int bits = ss_generate_raw(f, seed, skip, n, (ss_u32*)P, stride, raw64);
    if (bits == 0) return -1;
    const ss_u32 m = (ss_u32)mod;
    if (bits == 64) {
        for (int i = 0; i < n; ++i) P[(ss_i64)i * stride] = (int)(raw64[(ss_i64)i * stride] % (ss_u64)m);
        return 0;
    }
    /* v mod m through a double quotient (off by at most one, then corrected): vectorises, no div */
    const double inv = 1.0 / (double)m;
    ss_u32* w = (ss_u32*)P;
    for (int i = 0; i < n; ++i) {
        ss_u32 v = w[(ss_i64)i * stride];
        ss_i64 q = (ss_i64)((double)v * inv);
        ss_i64 r = (ss_i64)v - q * (ss_i64)m;
        r += (r < 0) ? (ss_i64)m : 0;
        r -= (r >= (ss_i64)m) ? (ss_i64)m : 0;
        P[(ss_i64)i * stride] = (int)r;
    }
    return 0;
}

#endif
