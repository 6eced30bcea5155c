/*
 * ss_compat.h - lets the one kernel source compile as CUDA (nvcc, NVRTC), HIP (hipcc, hiprtc) and plain
 * host C++ (g++). Per-seed work is __host__ __device__; __global__ kernels only map indices onto it.
 * On the host the CUDA keywords vanish and the launch built-ins are emulated (see SS_HOST_LAUNCH).
 */
#ifndef SS_COMPAT_H
#define SS_COMPAT_H

#if defined(__CUDACC__) || defined(__CUDACC_RTC__) || defined(__HIPCC__) || defined(__HIPCC_RTC__)
#  define SS_DEVICE_COMPILER 1
#else
#  define SS_HOST 1
#endif

#define SS_EXTERN extern "C"

#ifdef SS_HOST
#  define __host__
/* static: every per-seed function gets internal linkage, so each ISA build of host_cpu.cpp keeps its
   own copy (as inline functions they would be merged by the linker across -march variants) */
#  define __device__ static
#  define __global__
#  define __forceinline__ inline __attribute__((always_inline))
#  include <math.h>
#  include <stdint.h>
typedef struct { unsigned int x, y, z; } ss_dim3;
/* host emulation of the launch built-ins: plain statics (thread-locals cost 5x, probe-gpu-native 2) */
static ss_dim3 threadIdx __attribute__((unused)), blockIdx __attribute__((unused)),
    blockDim __attribute__((unused)), gridDim __attribute__((unused));
/* runs a __global__ body for every index of a 1-D grid, one host thread; used by tests of the indexing */
#  define SS_HOST_LAUNCH_1D(kernel, n, ...) do { long long ss_n_ = (n); blockDim.x = 128; \
     gridDim.x = (unsigned)((ss_n_ + 127) / 128); \
     for (unsigned ss_b_ = 0; ss_b_ < gridDim.x; ++ss_b_) { blockIdx.x = ss_b_; \
       for (unsigned ss_t_ = 0; ss_t_ < blockDim.x; ++ss_t_) { threadIdx.x = ss_t_; kernel(__VA_ARGS__); } } } while (0)
#  define SS_POPC32(v) __builtin_popcount((unsigned)(v))
/* vectorised FP reductions only where order does not matter (never the cumulative sum) */
#  define SS_PRAGMA(x) _Pragma(#x)
#  define SS_SIMD_SUM(...) SS_PRAGMA(omp simd reduction(+:__VA_ARGS__))
#  define SS_SIMD(clauses) SS_PRAGMA(omp simd clauses)
#else
#  define SS_POPC32(v) __popc((unsigned)(v))
#  define SS_SIMD_SUM(...)
#  define SS_SIMD(clauses)
#endif

/* fixed-width types without <stdint.h> (NVRTC and hiprtc have no system headers) */
typedef unsigned long long ss_u64;
typedef long long ss_i64;
typedef unsigned int ss_u32;

#endif
