/*
 * ss_features.h - the per-seed Step 3 features of docs/step3-features.md sections 3-5 with docs/decisions.md S1-S8, written once
 * for every backend. Output order = FeatureCatalogue.computedNames() (59 doubles). Everything except
 * the five spectral values is computed by ss_seed_features; the spectra come from an FFT library
 * (FFTW on the CPU, cuFFT/hipFFT on GPUs) and are reduced by ss_spectral_* below.
 */
#ifndef SS_FEATURES_H
#define SS_FEATURES_H
#include "ss_compat.h"

#define SS_COMPUTED 59
#define SS_BATTERY 36
#define SS_RESIDUE 27

/* Everything derived from the history once per task (device pointers on GPUs). */
typedef struct {
    int n, mod, family;
    int m[3];               /* residue mods */
    int W, K;               /* temporal window size and count */
    double minConf;
    ss_i64 sumH;
    double actualMean, actualStd;
    const int* H;           /* n draws */
    const int* Hx;          /* 4n: H%125, hundreds, tens, ones digit */
    const int* Hr;          /* 3n: H % m[k] */
    const double* lnk;      /* n+1: ln(max(k/n, 1e-10)) */
    const double* pk;       /* n+1: max(k/n, 1e-10) */
    const double* lnAd;     /* m0+m1+m2: ln(max(ha[r]/n, 1e-10)) per residue class */
    const int* fold;        /* 3*mod: v % m[k] for v < mod, or NULL (then residues per element) */
} ss_task;

/* mods up to this use a value histogram folded into the residue histograms (one scatter per value) */
#define SS_FOLD_LIMIT 65536

/* ints of zeroed scratch ss_seed_features needs: the residue histograms, plus two value histograms */
__host__ __device__ __forceinline__ ss_i64 ss_hist_size(const ss_task* t) {
    return (ss_i64)t->m[0] + t->m[1] + t->m[2] + (t->fold ? 2LL * t->mod : 0);
}

__host__ __device__ __forceinline__ int ss_mod_small(int v, int m, double inv) {
    /* v >= 0, m >= 1: quotient through a double, corrected by one either way (exact, vectorisable) */
    int q = (int)((double)v * inv);
    int r = v - q * m;
    r += (r < 0) ? m : 0;
    r -= (r >= m) ? m : 0;
    return r;
}

__host__ __device__ __forceinline__ double ss_sample_std(double sumsq, int count) {
    return count < 2 ? 0.0 : sqrt(sumsq / (double)(count - 1));
}

/*
 * Features of one seed from its predictions P[0..n) (contiguous). hist is zeroed scratch of
 * m0+m1+m2 ints (left zeroed); cbuf is scratch of n doubles. Writes out[0..59) except the five
 * spectral entries (SS_BATTERY+0..4), which the caller fills (zeros when n < 8).
 */
__host__ __device__ inline void ss_seed_features(const ss_task* t, const int* __restrict__ P,
                                                 int* __restrict__ hist, double* __restrict__ cbuf,
                                                 double* __restrict__ out) {
    const int n = t->n;
    const int* __restrict__ H = t->H;
    const int* __restrict__ Hx = t->Hx;
    const int* __restrict__ Hr = t->Hr;
    const int m0 = t->m[0], m1 = t->m[1], m2 = t->m[2];
    const double i0 = 1.0 / m0, i1 = 1.0 / m1, i2 = 1.0 / m2;

    /* pass 1: every comparison and exact integer sum (vectorisable; no scatter) */
    int c = 0, l8 = 0, l125 = 0, dh = 0, dt = 0, d1 = 0, r0 = 0, r1 = 0, r2 = 0;
    ss_i64 sumP = 0, sumAbsR = 0;
    int minP = P[0], maxP = P[0];
    ss_i64 maxAbsR = 0;
    for (int i = 0; i < n; ++i) {
        const int p = P[i], h = H[i];
        c += (p == h);
        l8 += ((p & 7) == (h & 7));
        const unsigned up = (unsigned)p;
        const unsigned q1 = up / 10u, q2 = q1 / 10u;
        l125 += ((int)(up % 125u) == Hx[i]);
        dh += ((int)(q2 % 10u) == Hx[n + i]);
        dt += ((int)(q1 - 10u * q2) == Hx[2 * n + i]);
        d1 += ((int)(up - 10u * q1) == Hx[3 * n + i]);
        r0 += (ss_mod_small(p, m0, i0) == Hr[i]);
        r1 += (ss_mod_small(p, m1, i1) == Hr[n + i]);
        r2 += (ss_mod_small(p, m2, i2) == Hr[2 * n + i]);
        sumP += p;
        minP = p < minP ? p : minP;
        maxP = p > maxP ? p : maxP;
        const ss_i64 r = (ss_i64)p - (ss_i64)h;
        const ss_i64 ar = r < 0 ? -r : r;
        sumAbsR += ar;
        maxAbsR = ar > maxAbsR ? ar : maxAbsR;
    }

    /* pass 2: residue histograms and popcounts (scatter). With a fold table: one value histogram,
       folded into the three residue histograms and the popcount sums (mod terms instead of 3n) */
    int* __restrict__ h0 = hist;
    int* __restrict__ h1 = hist + m0;
    int* __restrict__ h2 = hist + m0 + m1;
    ss_i64 pop = 0, pop2 = 0;
    if (t->fold) {
        int* __restrict__ hv = hist + m0 + m1 + m2;
        const int mod = t->mod;
        const int* __restrict__ f = t->fold;
        /* two interleaved value histograms: consecutive increments rarely wait on each other's stores */
        int* __restrict__ hw = hv + mod;
        int i = 0;
        for (; i + 1 < n; i += 2) { hv[P[i]]++; hw[P[i + 1]]++; }
        if (i < n) hv[P[i]]++;
        for (int v = 0; v < mod; ++v) {
            const int cnt = hv[v] + hw[v];
            if (cnt == 0) continue;
            hv[v] = 0;
            hw[v] = 0;
            h0[f[v]] += cnt;
            h1[f[mod + v]] += cnt;
            h2[f[2 * mod + v]] += cnt;
            const int b = SS_POPC32(v);
            pop += (ss_i64)cnt * b;
            pop2 += (ss_i64)cnt * b * b;
        }
    } else {
        for (int i = 0; i < n; ++i) {
            const int p = P[i];
            h0[ss_mod_small(p, m0, i0)]++;
            h1[ss_mod_small(p, m1, i1)]++;
            h2[ss_mod_small(p, m2, i2)]++;
            const int b = SS_POPC32(p);
            pop += b;
            pop2 += b * b;
        }
    }

    /* pass 3: centred values; sample variances around the exact means */
    const double dn = (double)n;
    const double mu = (double)sumP / dn;               /* correctly rounded: the integer sum is exact */
    const double meanR = (double)(sumP - t->sumH) / dn;
    double vP = 0.0, vR = 0.0;
    SS_SIMD_SUM(vP, vR)
    for (int i = 0; i < n; ++i) {
        const double x = (double)P[i];
        const double cx = x - mu;
        cbuf[i] = cx;
        const double dr = (x - (double)H[i]) - meanR;
        vP += cx * cx;
        vR += dr * dr;
    }

    out[0] = (double)c / dn * 100.0;
    const double rate = (double)c / dn;
    out[1] = rate > t->minConf ? rate : t->minConf;
    out[2] = (double)c;
    out[3] = dn;
    out[4] = 0.0;
    out[5] = mu;
    out[6] = ss_sample_std(vP, n);
    out[7] = (double)minP;
    out[8] = (double)maxP;
    out[9] = meanR;
    out[10] = ss_sample_std(vR, n);
    out[11] = (double)sumAbsR / dn;
    out[12] = (double)maxAbsR;
    out[13] = t->actualMean;
    out[14] = t->actualStd;
    out[15] = (double)l8 / dn;
    out[16] = (double)l125 / dn;
    out[17] = (out[15] + out[16]) / 2.0;
    out[18] = (double)dh / dn;
    out[19] = (double)dt / dn;
    out[20] = (double)d1 / dn;
    out[21] = (out[18] + out[19]) + out[20];

    /* temporal stability windows (4): stop at the first window shorter than W / 2 (integer division) */
    {
        const int W = t->W, K = t->K;
        int stride = (n - W) / K;                /* floor((n - W) / K) matters only when >= 1 */
        if (stride < 1) stride = 1;
        double ws_sum = 0.0, ws_min = 0.0, ws_max = 0.0, mean = 0.0, sd = 0.0, trend = 0.0;
        int count = 0;
        for (int pass = 0; pass < 2; ++pass) {   /* pass 0: count, mean, min, max; pass 1: spread, slope */
            const double wbar = (count - 1) / 2.0;
            double ss = 0.0, sxy = 0.0, sxx = 0.0;
            int w = 0;
            for (; w < K; ++w) {
                const ss_i64 s = (ss_i64)w * stride;
                if (s > n) break;
                const int e = s + W < n ? (int)(s + W) : n;
                if (e - s < W / 2 || e - s <= 0) break;
                int mcount = 0;
                for (int i = (int)s; i < e; ++i) mcount += (P[i] == H[i]);
                const double score = (double)mcount / (double)(e - s);
                if (pass == 0) {
                    ws_sum += score;
                    ws_min = w == 0 || score < ws_min ? score : ws_min;
                    ws_max = w == 0 || score > ws_max ? score : ws_max;
                } else {
                    const double d = score - mean;
                    ss += d * d;
                    sxy += d * (w - wbar);
                    sxx += (w - wbar) * (w - wbar);
                }
            }
            if (pass == 0) {
                count = w;
                if (count == 0) break;
                mean = ws_sum / count;
                if (count < 2) break;
            } else {
                sd = sqrt(ss / (count - 1));
                trend = sxy / sxx;
            }
        }
        out[22] = mean; out[23] = sd; out[24] = ws_min; out[25] = ws_max; out[26] = trend;
    }

    /* residues (5): match rate, KL against the history with 1e-10 clamping (not renormalised), coherence */
    {
        const int rm[3] = {r0, r1, r2};
        const int* hs[3] = {h0, h1, h2};
        const int ms[3] = {m0, m1, m2};
        const double* lnAd = t->lnAd;
        for (int k = 0; k < 3; ++k) {
            int* hk = (int*)hs[k];
            double kl = 0.0;
            for (int r = 0; r < ms[k]; ++r) {
                const int cnt = hk[r];
                kl += t->pk[cnt] * (t->lnk[cnt] - lnAd[r]);
                hk[r] = 0;
            }
            lnAd += ms[k];
            out[SS_RESIDUE + 3 * k] = (double)rm[k] / dn;
            out[SS_RESIDUE + 3 * k + 1] = kl;
            out[SS_RESIDUE + 3 * k + 2] = 1.0 / (1.0 + kl);
        }
    }

    /* battery (3.1): all zero below 8 values */
    double* b = out + SS_BATTERY;
    for (int k = 0; k < 23; ++k) b[k] = 0.0;
    if (n < 8) return;

    /* autocorrelation: V and lags 1..10 over the centred values */
    if (vP > 1e-12 && n > 10) {
        /* all ten lags in one pass: ten independent accumulators instead of ten latency-bound sums */
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0;
        SS_SIMD_SUM(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10)
        for (int i = 0; i < n - 10; ++i) {
            const double c = cbuf[i];
            s1 += c * cbuf[i + 1]; s2 += c * cbuf[i + 2]; s3 += c * cbuf[i + 3]; s4 += c * cbuf[i + 4];
            s5 += c * cbuf[i + 5]; s6 += c * cbuf[i + 6]; s7 += c * cbuf[i + 7]; s8 += c * cbuf[i + 8];
            s9 += c * cbuf[i + 9]; s10 += c * cbuf[i + 10];
        }
        double sums[10] = {s1, s2, s3, s4, s5, s6, s7, s8, s9, s10};
        double a[10];
        double asum = 0.0;
        for (int L = 1; L <= 10; ++L) {
            double s = sums[L - 1];
            for (int i = n - 10; i < n - L; ++i) s += cbuf[i] * cbuf[i + L];
            const double lag = s / vP;
            b[4 + L] = lag;
            a[L - 1] = lag < 0 ? -lag : lag;
            asum += a[L - 1];
        }
        if (asum > 1e-12) {
            const double abar = asum / 10.0;
            double sxy = 0.0;
            for (int L = 0; L < 10; ++L) sxy += (L - 4.5) * (a[L] - abar);
            b[15] = sxy / 82.5;
        }
        const double thr = 2.0 / sqrt(dn);
        int sig = 0;
        for (int L = 0; L < 10; ++L) sig += a[L] > thr;
        b[16] = (double)sig;
    }

    /* cumulative sum in index order (numpy's cumsum, bit for bit), stored over cbuf (lags are done);
       then a vectorised scan: sign changes as cs[i-1] * cs[i] < 0, exact unless some cs is exactly 0 */
    {
        double cs = 0.0;
        for (int i = 0; i < n; ++i) {
            cs += cbuf[i];
            cbuf[i] = cs;
        }
        double maxAbs = cbuf[0] < 0 ? -cbuf[0] : cbuf[0], sumAbs = maxAbs;
        int changes = 0, zeros = cbuf[0] == 0.0;
        SS_SIMD(reduction(+:sumAbs, changes, zeros) reduction(max:maxAbs))
        for (int i = 1; i < n; ++i) {
            const double v = cbuf[i];
            const double a = v < 0 ? -v : v;
            maxAbs = a > maxAbs ? a : maxAbs;
            sumAbs += a;
            zeros += (v == 0.0);
            changes += (cbuf[i - 1] * v < 0.0);
        }
        if (zeros > 0) {   /* drop exact zeros, count sign flips between the remaining neighbours */
            int last = 0;
            changes = 0;
            for (int i = 0; i < n; ++i) {
                const double v = cbuf[i];
                const int sg = (v > 0.0) - (v < 0.0);
                changes += (sg != 0) & (last != 0) & (sg != last);
                last = sg != 0 ? sg : last;
            }
        }
        b[17] = maxAbs;
        b[18] = sumAbs / dn;
        b[19] = (double)changes;
    }

    /* bit frequency: popcount as unsigned 32-bit; population std from exact integer sums */
    {
        const double hm = (double)pop / dn;
        const double var = (double)(pop2 * (ss_i64)n - pop * pop) / (dn * dn);
        b[20] = hm;
        b[21] = sqrt(var > 0 ? var : 0.0);
        b[22] = hm - 16.0;
    }
}

/* Top-2 and sum of spectral magnitudes (3.1 spectral): one per transform. */
typedef struct { double max1, max2, sum; } ss_peaks;

__host__ __device__ __forceinline__ void ss_peaks_init(ss_peaks* p) { p->max1 = -1.0; p->max2 = -1.0; p->sum = 0.0; }

/* streaming form (GPU threads) */
__host__ __device__ __forceinline__ void ss_peaks_add(ss_peaks* p, double v) {
    p->sum += v;
    if (v > p->max1) { p->max2 = p->max1; p->max1 = v; }
    else if (v > p->max2) { p->max2 = v; }
}

/* array form (CPU): two vectorised passes; the second largest equals the largest when it occurs twice */
__host__ __device__ inline void ss_peaks_of(const double* __restrict__ a, int count, ss_peaks* p) {
    double mx = -1.0, sum = 0.0;
    SS_SIMD(reduction(+:sum) reduction(max:mx))
    for (int i = 0; i < count; ++i) { sum += a[i]; mx = a[i] > mx ? a[i] : mx; }
    double below = -1.0;
    int ties = 0;
    SS_SIMD(reduction(+:ties) reduction(max:below))
    for (int i = 0; i < count; ++i) {
        ties += (a[i] == mx);
        const double v = a[i] < mx ? a[i] : -1.0;
        below = v > below ? v : below;
    }
    p->max1 = mx;
    p->max2 = ties > 1 ? mx : below;
    p->sum = sum;
}

/*
 * A constant sequence (pred_min == pred_max, already in out) has an exactly zero spectrum beyond bin 0
 * and all-zero differences; the FFT would return rounding noise instead (in a packed pair, the
 * partner seed's), so these write the exact zeros. Call after ss_seed_features.
 */
__host__ __device__ __forceinline__ int ss_constant_row(const double* out) { return out[7] == out[8]; }

/* writes batt_fft_peak_mag, _secondary_peak, _spectral_conc from the length-n spectrum (bins 1..n/2) */
__host__ __device__ __forceinline__ void ss_spectral_main(const ss_peaks* p, double* out) {
    if (ss_constant_row(out)) { out[SS_BATTERY + 0] = out[SS_BATTERY + 1] = out[SS_BATTERY + 2] = 0.0; return; }
    const double s = p->sum == 0.0 ? 1.0 : p->sum;
    out[SS_BATTERY + 0] = p->max1;
    out[SS_BATTERY + 1] = p->max2;
    out[SS_BATTERY + 2] = p->max1 / s;
}

/* writes batt_fft_diff_peak, _diff_conc from the length-(n-1) spectrum of the differences */
__host__ __device__ __forceinline__ void ss_spectral_diff(const ss_peaks* p, double* out) {
    if (ss_constant_row(out)) { out[SS_BATTERY + 3] = out[SS_BATTERY + 4] = 0.0; return; }
    const double s = p->sum == 0.0 ? 1.0 : p->sum;
    out[SS_BATTERY + 3] = p->max1;
    out[SS_BATTERY + 4] = p->max1 / s;
}

/* holdout hits numerator: positions j where (output skip+j) mod M equals H[j]; P is scratch of n */
__host__ __device__ inline int ss_count_matches(const ss_task* t, const int* P) {
    int c = 0;
    for (int i = 0; i < t->n; ++i) c += (P[i] == t->H[i]);
    return c;
}

#endif
