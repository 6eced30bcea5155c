/*
 * dispatch.cpp - the exported C ABI. Picks the best ISA build of host_cpu.cpp the CPU supports
 * (x86-64-v4 AVX-512, v3 AVX2/FMA, else the x86-64 baseline) once; SURVIVOR_NATIVE_ISA=base|v3|v4
 * forces one (for tests and comparisons).
 */
#include "ss_host_api.h"
#include <fftw3.h>
#include <stdlib.h>
#include <string.h>

static const ss_impl* choose(void) {
    __builtin_cpu_init();
    const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
                    && __builtin_cpu_supports("bmi2");
    const bool v4 = v3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
                    && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
    const char* force = getenv("SURVIVOR_NATIVE_ISA");
    if (force && strcmp(force, "base") == 0) return ss_impl_base();
    if (force && strcmp(force, "v3") == 0 && v3) return ss_impl_v3();
    if (force && strcmp(force, "v4") == 0 && v4) return ss_impl_v4();
    return v4 ? ss_impl_v4() : v3 ? ss_impl_v3() : ss_impl_base();
}

static const ss_impl* impl(void) {
    static const ss_impl* chosen = choose();   /* thread-safe static initialisation */
    return chosen;
}

SS_EXTERN const char* ss_variant(void) { return impl()->name; }
SS_EXTERN const char* ss_fftw_version(void) { return fftw_version; }
SS_EXTERN int ss_abi_version(void) { return 1; }
SS_EXTERN int ss_computed_count(void) { return SS_COMPUTED; }

SS_EXTERN void* ss_task_new(int family, int mod, const int* history, int n, const int* mods, int W, int K,
                            double minConf, int planner, char* err, int errLen) {
    return impl()->task_new(family, mod, history, n, mods, W, K, minConf, planner, err, errLen);
}
SS_EXTERN void ss_task_free(void* task) { impl()->task_free(task); }
SS_EXTERN void* ss_workspace_new(const void* task) { return impl()->workspace_new(task); }
SS_EXTERN void ss_workspace_free(void* ws) { impl()->workspace_free(ws); }
SS_EXTERN int ss_features(void* task, void* ws, const long long* seeds, const long long* skips, int count,
                          double* out) {
    return impl()->features(task, ws, seeds, skips, count, out);
}
SS_EXTERN int ss_matches(void* task, void* ws, const long long* seeds, long long skip, int count, int* out) {
    return impl()->matches(task, ws, seeds, skip, count, out);
}
/* the prepared ss_task (history tables) for the emulated kernel launches of kernels.cu */
SS_EXTERN const ss_task* ss_task_view(const void* task) { return impl()->task_view(task); }
