/*
 * kernels.cu - the __global__ entry points. Each maps its thread index onto one seed and calls the
 * shared __host__ __device__ code of prng.h / features.h; FFTs between ss_k_generate and
 * ss_k_spectral run in cuFFT/hipFFT (batched D2Z of lengths n and n-1, row layout).
 * Compiles with nvcc/NVRTC, hiprtc and g++ (compat.h); the g++ build exports host emulations for tests.
 */
#include "ss_compat.h"
#include "ss_prng.h"
#include "ss_features.h"

/* predictions P (count x n ints), FFT inputs x (count x n) and differences dx (count x (n-1)) */
SS_EXTERN __global__ void ss_k_generate(ss_task t, const ss_u64* seeds, const ss_u64* skips, int count,
                                        int* P, ss_u64* raw64, double* x, double* dx) {
    const int b = (int)(blockIdx.x * blockDim.x + threadIdx.x);
    if (b >= count) return;
    const int n = t.n;
    int* p = P + (ss_i64)b * n;
    ss_predictions(t.family, seeds[b], skips ? skips[b] : 0ULL, n, t.mod, p, 1, raw64 + (ss_i64)b * n);
    double* xr = x + (ss_i64)b * n;
    for (int i = 0; i < n; ++i) xr[i] = (double)p[i];
    if (n > 1) {
        double* dr = dx + (ss_i64)b * (n - 1);
        for (int i = 0; i + 1 < n; ++i) dr[i] = (double)(p[i + 1] - p[i]);
    }
}

/* all non-spectral features; hist (count x ss_hist_size, zeroed) and cbuf (count x n) are scratch */
SS_EXTERN __global__ void ss_k_features(ss_task t, const int* P, int* hist, double* cbuf, int count,
                                        double* out) {
    const int b = (int)(blockIdx.x * blockDim.x + threadIdx.x);
    if (b >= count) return;
    const ss_i64 hsize = ss_hist_size(&t);
    ss_seed_features(&t, P + (ss_i64)b * t.n, hist + (ss_i64)b * hsize, cbuf + (ss_i64)b * t.n,
                     out + (ss_i64)b * SS_COMPUTED);
}

/* the five spectral features from D2Z outputs: X rows of n/2+1 and D rows of (n-1)/2+1 complex values */
SS_EXTERN __global__ void ss_k_spectral(const double* X, const double* D, int n, int count, double* out) {
    const int b = (int)(blockIdx.x * blockDim.x + threadIdx.x);
    if (b >= count || n < 8) return;
    double* o = out + (ss_i64)b * SS_COMPUTED;
    ss_peaks pk;
    ss_peaks_init(&pk);
    const int hx = n / 2 + 1;
    const double* xr = X + (ss_i64)b * 2 * hx;
    for (int k = 1; k < hx; ++k) ss_peaks_add(&pk, sqrt(xr[2 * k] * xr[2 * k] + xr[2 * k + 1] * xr[2 * k + 1]));
    ss_spectral_main(&pk, o);
    ss_peaks_init(&pk);
    const int hd = (n - 1) / 2 + 1;
    const double* dr = D + (ss_i64)b * 2 * hd;
    for (int k = 1; k < hd; ++k) ss_peaks_add(&pk, sqrt(dr[2 * k] * dr[2 * k] + dr[2 * k + 1] * dr[2 * k + 1]));
    ss_spectral_diff(&pk, o);
}

/* holdout hits numerator per seed; P (count x n) and raw64 are scratch */
SS_EXTERN __global__ void ss_k_matches(ss_task t, const ss_u64* seeds, ss_u64 skip, int count, int* P,
                                       ss_u64* raw64, int* out) {
    const int b = (int)(blockIdx.x * blockDim.x + threadIdx.x);
    if (b >= count) return;
    int* p = P + (ss_i64)b * t.n;
    ss_predictions(t.family, seeds[b], skip, t.n, t.mod, p, 1, raw64 + (ss_i64)b * t.n);
    out[b] = ss_count_matches(&t, p);
}

#ifdef SS_HOST
/* Host emulations of the launches (one thread, grid loop): let tests check the kernels' own indexing. */
SS_EXTERN void ss_emulate_generate(const ss_task* t, const ss_u64* seeds, const ss_u64* skips, int count,
                                   int* P, ss_u64* raw64, double* x, double* dx) {
    SS_HOST_LAUNCH_1D(ss_k_generate, count, *t, seeds, skips, count, P, raw64, x, dx);
}
SS_EXTERN void ss_emulate_features(const ss_task* t, const int* P, int* hist, double* cbuf, int count, double* out) {
    SS_HOST_LAUNCH_1D(ss_k_features, count, *t, P, hist, cbuf, count, out);
}
SS_EXTERN void ss_emulate_spectral(const double* X, const double* D, int n, int count, double* out) {
    SS_HOST_LAUNCH_1D(ss_k_spectral, count, X, D, n, count, out);
}
SS_EXTERN void ss_emulate_matches(const ss_task* t, const ss_u64* seeds, ss_u64 skip, int count, int* P,
                                  ss_u64* raw64, int* out) {
    SS_HOST_LAUNCH_1D(ss_k_matches, count, *t, seeds, skip, count, P, raw64, out);
}
#endif
