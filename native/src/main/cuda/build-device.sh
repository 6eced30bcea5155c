#!/bin/sh
# Compiles kernels.cu for NVIDIA GPUs when nvcc is on PATH: PTX per architecture plus one fatbin
# (SASS for sm_80/86/89/90 and PTX for compute_90), as jar resources. Without nvcc it prints why
# and succeeds, so a build on a machine without CUDA still works.
# Usage: build-device.sh <source dir> <output dir>
set -eu
src="$1"; out="$2"
NVCC="$(command -v nvcc || true)"
if [ -z "$NVCC" ]; then
  echo "[native] nvcc not on PATH: skipping PTX/fatbin (the cuda backend will compile with NVRTC at run time)"
  exit 0
fi
mkdir -p "$out"
stamp="$out/kernels.fatbin"
newest="$(ls -t "$src"/kernels.cu "$src"/ss_*.h "$0" | head -1)"
if [ -f "$stamp" ] && [ "$stamp" -nt "$newest" ]; then
  echo "[native] PTX/fatbin up to date"
  exit 0
fi
# --fmad=false: no FMA contraction, so GPU results follow the same rounding as the CPU build
for sm in 80 86 89 90; do
  "$NVCC" -ptx -arch=sm_$sm --fmad=false -std=c++17 -o "$out/kernels.sm_$sm.ptx" "$src/kernels.cu"
done
"$NVCC" -fatbin --fmad=false -std=c++17 \
  -gencode arch=compute_80,code=sm_80 -gencode arch=compute_86,code=sm_86 \
  -gencode arch=compute_89,code=sm_89 -gencode arch=compute_90,code=sm_90 \
  -gencode arch=compute_90,code=compute_90 -o "$out/kernels.fatbin" "$src/kernels.cu"
"$NVCC" --version | tail -2 | head -1 > "$out/nvcc-version.txt"
echo "[native] PTX sm_80/86/89/90 and fatbin written by $("$NVCC" --version | tail -1)"
