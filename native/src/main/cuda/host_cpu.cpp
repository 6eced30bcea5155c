/*
 * host_cpu.cpp - the CPU library: task preparation (history tables), FFTW transforms and the batch
 * loop over seeds, calling the same per-seed code as the GPU kernels. Compiled once per ISA level
 * (SS_VARIANT = base / v3 / v4, different -march) into one .so; dispatch.cpp picks one at run time.
 *
 * Spectra (perf-calibration.md 4): two real seeds per complex FFT (X1 = (Z[k] + conj Z[L-k]) / 2);
 * lengths with a large prime factor (n-1 = 4999 is prime) go through Bluestein's chirp-z with a
 * smooth convolution size M >= 2L-1. Plans are made once per process and size under one lock and
 * executed concurrently with fftw_execute_dft on per-workspace buffers.
 */
#include "ss_compat.h"
#include "ss_prng.h"
#include "ss_features.h"
#include "ss_host_api.h"
#include <fftw3.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <map>
#include <mutex>
#include <new>
#include <vector>

#define SS_CAT2(a, b) a##b
#define SS_CAT(a, b) SS_CAT2(a, b)

namespace SS_CAT(ss_, SS_VARIANT) {

/* packed-pair DFT of length L: direct FFTW c2c, or Bluestein through size M */
struct Dft {
    int L = 0, M = 0;
    bool bluestein = false;
    fftw_plan fwd = nullptr, inv = nullptr;
    fftw_complex* bf = nullptr;      /* FFT_M of the chirp, divided by M */
    std::vector<double> cre, cim;    /* e^{-i pi j^2 / L} */
};

static std::mutex plan_lock;                     /* the FFTW planner is not thread-safe */
static std::map<long long, Dft*> plan_cache;     /* key: L << 8 | flags; plans live for the process */

static int largest_prime_factor(int v) {
    int best = 1;
    for (int p = 2; (long long)p * p <= v; ++p) while (v % p == 0) { best = p; v /= p; }
    return v > 1 ? (v > best ? v : best) : best;
}

static int smooth_at_least(int v) {
    for (int m = v;; ++m) {
        int r = m;
        for (int p : {2, 3, 5, 7}) while (r % p == 0) r /= p;
        if (r == 1) return m;
    }
}

static Dft* dft_get(int L, unsigned flags) {
    std::lock_guard<std::mutex> guard(plan_lock);
    const long long key = ((long long)L << 8) | (flags & 0xFF);
    auto it = plan_cache.find(key);
    if (it != plan_cache.end()) return it->second;
    Dft* d = new Dft();
    d->L = L;
    d->bluestein = L > 64 && largest_prime_factor(L) > 13;
    if (!d->bluestein) {
        fftw_complex* in = fftw_alloc_complex(L);
        fftw_complex* out = fftw_alloc_complex(L);
        d->fwd = fftw_plan_dft_1d(L, in, out, FFTW_FORWARD, flags);
        fftw_free(in);
        fftw_free(out);
    } else {
        const int M = smooth_at_least(2 * L - 1);
        d->M = M;
        fftw_complex* buf = fftw_alloc_complex(M);
        fftw_complex* buf2 = fftw_alloc_complex(M);
        /* out of place both ways: in-place plans make FFTW copy internally */
        d->fwd = fftw_plan_dft_1d(M, buf, buf2, FFTW_FORWARD, flags);
        d->inv = fftw_plan_dft_1d(M, buf2, buf, FFTW_BACKWARD, flags);
        fftw_free(buf2);
        d->cre.resize(L);
        d->cim.resize(L);
        for (int j = 0; j < L; ++j) {
            const long long q = ((long long)j * j) % (2LL * L);   /* exact phase index */
            const double th = M_PI * (double)q / (double)L;
            d->cre[j] = cos(th);
            d->cim[j] = -sin(th);
        }
        for (int j = 0; j < M; ++j) { buf[j][0] = 0.0; buf[j][1] = 0.0; }
        for (int j = 0; j < L; ++j) {            /* b_j = e^{+i pi j^2 / L}, wrapped for negative j */
            buf[j][0] = d->cre[j]; buf[j][1] = -d->cim[j];
            if (j > 0) { buf[M - j][0] = d->cre[j]; buf[M - j][1] = -d->cim[j]; }
        }
        d->bf = fftw_alloc_complex(M);
        fftw_execute_dft(d->fwd, buf, d->bf);
        for (int j = 0; j < M; ++j) { d->bf[j][0] /= M; d->bf[j][1] /= M; }
        fftw_free(buf);
    }
    plan_cache[key] = d;
    return d;
}

/* Z = DFT_L(z); work and work2 have max(L, M) entries; z may be overwritten. The pointwise loops
   run on plain double arrays (interleaved re, im) so that they vectorise. */
static void dft_run(const Dft* d, fftw_complex* z, fftw_complex* work, fftw_complex* work2, fftw_complex* Z) {
    const int L = d->L;
    if (!d->bluestein) {
        fftw_execute_dft(d->fwd, z, Z);
        return;
    }
    const int M = d->M;
    const double* __restrict__ cr = d->cre.data();
    const double* __restrict__ ci = d->cim.data();
    const double* __restrict__ zi = (const double*)z;
    double* __restrict__ w = (double*)work;
    SS_SIMD()
    for (int j = 0; j < L; ++j) {
        const double a = zi[2 * j], b = zi[2 * j + 1];
        w[2 * j] = a * cr[j] - b * ci[j];
        w[2 * j + 1] = a * ci[j] + b * cr[j];
    }
    memset(work + L, 0, sizeof(fftw_complex) * (size_t)(M - L));
    fftw_execute_dft(d->fwd, work, work2);
    const double* __restrict__ bf = (const double*)d->bf;
    double* __restrict__ w2 = (double*)work2;
    SS_SIMD()
    for (int j = 0; j < M; ++j) {
        const double a = w2[2 * j], b = w2[2 * j + 1], c = bf[2 * j], e = bf[2 * j + 1];
        w2[2 * j] = a * c - b * e;
        w2[2 * j + 1] = a * e + b * c;
    }
    fftw_execute_dft(d->inv, work2, work);
    double* __restrict__ zo = (double*)Z;
    SS_SIMD()
    for (int k = 0; k < L; ++k) {
        const double a = w[2 * k], b = w[2 * k + 1];
        zo[2 * k] = a * cr[k] - b * ci[k];
        zo[2 * k + 1] = a * ci[k] + b * cr[k];
    }
}

/* peaks of |X1| and |X2| over bins 1..L/2 from the packed spectrum Z of x1 + i x2; mags: 2 * (L/2)
   doubles; rev: L complex of scratch. Z[L-k] is first copied into forward order (a reversed,
   interleaved access keeps gcc from vectorising the magnitude loop). */
static void pair_peaks(const fftw_complex* Zc, int L, double* mags, fftw_complex* revc, ss_peaks* p1, ss_peaks* p2) {
    const int h = L / 2;
    const double* __restrict__ Z = (const double*)Zc;
    double* __restrict__ R = (double*)revc;
    for (int k = 1; k <= h; ++k) {
        R[2 * k] = Z[2 * (L - k)];
        R[2 * k + 1] = Z[2 * (L - k) + 1];
    }
    double* __restrict__ m1 = mags;
    double* __restrict__ m2 = mags + h;
    SS_SIMD()
    for (int k = 1; k <= h; ++k) {
        const double ar = Z[2 * k], ai = Z[2 * k + 1], br = R[2 * k], bi = R[2 * k + 1];
        const double r1 = ar + br, i1 = ai - bi, r2 = ar - br, i2 = ai + bi;
        m1[k - 1] = 0.5 * sqrt(r1 * r1 + i1 * i1);
        m2[k - 1] = 0.5 * sqrt(r2 * r2 + i2 * i2);
    }
    ss_peaks_of(m1, h, p1);
    ss_peaks_of(m2, h, p2);
}

struct Task {
    ss_task t;
    std::vector<int> H, Hx, Hr;
    std::vector<int> fold;
    std::vector<double> lnk, pk, lnAd;
    Dft* main = nullptr;
    Dft* diff = nullptr;
    int maxL = 0, maxWork = 0;
};

struct Workspace {
    const Task* task;
    int *P1, *P2, *hist;
    ss_u64* raw;
    double* cbuf;
    fftw_complex *z, *Z, *work, *work2;
    double* mags;
};

static int fail(char* err, int errLen, const char* msg, long long a, long long b) {
    if (err && errLen > 0) snprintf(err, (size_t)errLen, msg, a, b);
    return 0;
}

static void* task_new(int family, int mod, const int* history, int n, const int* mods, int W, int K,
                      double minConf, int planner, char* err, int errLen) {
    if (family < 0 || family >= SS_FAMILY_COUNT) { fail(err, errLen, "unknown family id %lld%.0lld", family, 0); return nullptr; }
    if (n < 1) { fail(err, errLen, "history is empty (n = %lld)%.0lld", n, 0); return nullptr; }
    if (mod < 1) { fail(err, errLen, "mod must be >= 1, got %lld%.0lld", mod, 0); return nullptr; }
    if (W < 1 || K < 1) { fail(err, errLen, "temporal window size %lld and count %lld must be >= 1", W, K); return nullptr; }
    long long msum = 0;
    for (int k = 0; k < 3; ++k) {
        if (mods[k] < 1) { fail(err, errLen, "residue mod %lld must be >= 1, got %lld", k + 1, mods[k]); return nullptr; }
        msum += mods[k];
    }
    if (msum > (1LL << 26)) { fail(err, errLen, "residue mods too large (sum %lld > %lld)", msum, 1LL << 26); return nullptr; }
    for (int i = 0; i < n; ++i) {
        if (history[i] < 0 || history[i] >= mod) {
            fail(err, errLen, "history[%lld] = %lld is outside 0..mod-1", i, history[i]);
            return nullptr;
        }
    }
    Task* T = new (std::nothrow) Task();
    if (!T) { fail(err, errLen, "out of memory%.0lld%.0lld", 0, 0); return nullptr; }
    T->H.assign(history, history + n);
    T->Hx.resize(4 * (size_t)n);
    T->Hr.resize(3 * (size_t)n);
    long long sumH = 0;
    for (int i = 0; i < n; ++i) {
        const unsigned h = (unsigned)history[i];
        T->Hx[i] = (int)(h % 125u);
        T->Hx[n + i] = (int)((h / 100u) % 10u);
        T->Hx[2 * n + i] = (int)((h / 10u) % 10u);
        T->Hx[3 * n + i] = (int)(h % 10u);
        for (int k = 0; k < 3; ++k) T->Hr[(size_t)k * n + i] = (int)(h % (unsigned)mods[k]);
        sumH += h;
    }
    const double dn = (double)n;
    const double meanH = (double)sumH / dn;
    double vH = 0.0;
    for (int i = 0; i < n; ++i) { const double d = history[i] - meanH; vH += d * d; }
    T->lnk.resize((size_t)n + 1);
    T->pk.resize((size_t)n + 1);
    for (int k = 0; k <= n; ++k) {
        double p = (double)k / dn;
        if (p < 1e-10) p = 1e-10;
        T->pk[k] = p;
        T->lnk[k] = log(p);
    }
    T->lnAd.resize((size_t)msum);
    size_t off = 0;
    for (int k = 0; k < 3; ++k) {
        std::vector<int> ha((size_t)mods[k], 0);
        for (int i = 0; i < n; ++i) ha[(size_t)T->Hr[(size_t)k * n + i]]++;
        for (int r = 0; r < mods[k]; ++r) {
            double a = (double)ha[r] / dn;
            if (a < 1e-10) a = 1e-10;
            T->lnAd[off + r] = log(a);
        }
        off += (size_t)mods[k];
    }
    ss_task& t = T->t;
    t.n = n; t.mod = mod; t.family = family;
    for (int k = 0; k < 3; ++k) t.m[k] = mods[k];
    t.W = W; t.K = K; t.minConf = minConf;
    t.sumH = sumH; t.actualMean = meanH; t.actualStd = ss_sample_std(vH, n);
    t.H = T->H.data(); t.Hx = T->Hx.data(); t.Hr = T->Hr.data();
    t.lnk = T->lnk.data(); t.pk = T->pk.data(); t.lnAd = T->lnAd.data();
    t.fold = nullptr;
    if (mod <= SS_FOLD_LIMIT) {
        T->fold.resize(3 * (size_t)mod);
        for (int k = 0; k < 3; ++k)
            for (int v = 0; v < mod; ++v) T->fold[(size_t)k * mod + v] = v % mods[k];
        t.fold = T->fold.data();
    }
    if (n >= 8) {
        const unsigned flags = planner == 0 ? FFTW_ESTIMATE : planner == 2 ? FFTW_PATIENT : FFTW_MEASURE;
        T->main = dft_get(n, flags);
        T->diff = dft_get(n - 1, flags);
        T->maxL = n;
        T->maxWork = T->main->M > T->diff->M ? T->main->M : T->diff->M;
        if (T->maxWork < n) T->maxWork = n;
    }
    return T;
}

static void task_free(void* p) { delete (Task*)p; }

static void* workspace_new(const void* task) {
    const Task* T = (const Task*)task;
    const int n = T->t.n;
    Workspace* w = (Workspace*)calloc(1, sizeof(Workspace));
    if (!w) return nullptr;
    w->task = T;
    const size_t hsize = (size_t)ss_hist_size(&T->t);
    w->P1 = (int*)fftw_malloc(sizeof(int) * (size_t)n);
    w->P2 = (int*)fftw_malloc(sizeof(int) * (size_t)n);
    w->hist = (int*)calloc(hsize, sizeof(int));
    w->raw = (ss_u64*)fftw_malloc(sizeof(ss_u64) * (size_t)n);
    w->cbuf = (double*)fftw_malloc(sizeof(double) * (size_t)n);
    const size_t L = T->maxL > 0 ? (size_t)T->maxL : 1, M = T->maxWork > 0 ? (size_t)T->maxWork : 1;
    w->z = fftw_alloc_complex(L);
    w->Z = fftw_alloc_complex(L);
    w->work = fftw_alloc_complex(M);
    w->work2 = fftw_alloc_complex(M);
    w->mags = (double*)fftw_malloc(sizeof(double) * L);
    if (!w->P1 || !w->P2 || !w->hist || !w->raw || !w->cbuf || !w->z || !w->Z || !w->work || !w->work2 || !w->mags) {
        /* partial allocations are released by workspace_free */
        return w;
    }
    return w;
}

static void workspace_free(void* p) {
    Workspace* w = (Workspace*)p;
    if (!w) return;
    fftw_free(w->P1); fftw_free(w->P2); free(w->hist); fftw_free(w->raw); fftw_free(w->cbuf);
    fftw_free(w->z); fftw_free(w->Z); fftw_free(w->work); fftw_free(w->work2); fftw_free(w->mags);
    free(w);
}

static int features(void* task, void* wsp, const long long* seeds, const long long* skips, int count, double* out) {
    const Task* T = (const Task*)task;
    Workspace* w = (Workspace*)wsp;
    if (!w || w->task != T || !w->P1 || !w->work || !w->hist || !w->mags || !w->work2) return -2;
    const ss_task* t = &T->t;
    const int n = t->n;
    for (int s = 0; s < count; s += 2) {
        const bool two = s + 1 < count;
        if (ss_predictions(t->family, (ss_u64)seeds[s], skips ? (ss_u64)skips[s] : 0ULL, n, t->mod, w->P1, 1, w->raw)) return -1;
        ss_seed_features(t, w->P1, w->hist, w->cbuf, out + (size_t)s * SS_COMPUTED);
        if (two) {
            if (ss_predictions(t->family, (ss_u64)seeds[s + 1], skips ? (ss_u64)skips[s + 1] : 0ULL, n, t->mod, w->P2, 1, w->raw)) return -1;
            ss_seed_features(t, w->P2, w->hist, w->cbuf, out + (size_t)(s + 1) * SS_COMPUTED);
        }
        if (n < 8) continue;
        const int* p1 = w->P1;
        const int* p2 = w->P2;
        ss_peaks a, b;
        for (int i = 0; i < n; ++i) { w->z[i][0] = p1[i]; w->z[i][1] = two ? p2[i] : 0.0; }
        dft_run(T->main, w->z, w->work, w->work2, w->Z);
        pair_peaks(w->Z, n, w->mags, w->work, &a, &b);
        ss_spectral_main(&a, out + (size_t)s * SS_COMPUTED);
        if (two) ss_spectral_main(&b, out + (size_t)(s + 1) * SS_COMPUTED);
        for (int i = 0; i + 1 < n; ++i) {
            w->z[i][0] = p1[i + 1] - p1[i];
            w->z[i][1] = two ? p2[i + 1] - p2[i] : 0.0;
        }
        dft_run(T->diff, w->z, w->work, w->work2, w->Z);
        pair_peaks(w->Z, n - 1, w->mags, w->work, &a, &b);
        ss_spectral_diff(&a, out + (size_t)s * SS_COMPUTED);
        if (two) ss_spectral_diff(&b, out + (size_t)(s + 1) * SS_COMPUTED);
    }
    return 0;
}

static int matches(void* task, void* wsp, const long long* seeds, long long skip, int count, int* out) {
    const Task* T = (const Task*)task;
    Workspace* w = (Workspace*)wsp;
    if (!w || w->task != T || !w->P1) return -2;
    for (int s = 0; s < count; ++s) {
        if (ss_predictions(T->t.family, (ss_u64)seeds[s], (ss_u64)skip, T->t.n, T->t.mod, w->P1, 1, w->raw)) return -1;
        out[s] = ss_count_matches(&T->t, w->P1);
    }
    return 0;
}

static const ss_task* task_view(const void* task) { return &((const Task*)task)->t; }

} // namespace

SS_EXTERN const ss_impl* SS_CAT(ss_impl_, SS_VARIANT)(void) {
    using namespace SS_CAT(ss_, SS_VARIANT);
    static const ss_impl impl = {
        SS_VARIANT_NAME, task_new, task_free, workspace_new, workspace_free, features, matches, task_view
    };
    return &impl;
}
