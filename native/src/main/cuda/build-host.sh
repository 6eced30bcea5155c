#!/bin/sh
# Builds libsurvivor_kernels.so: host_cpu.cpp once per ISA level, kernels.cu (host emulation) and the
# dispatcher, linked against the FFTW that Maven unpacked (org.bytedeco:fftw, linux-x86_64), never a
# system FFTW: the vendored header comes first on the include path and the library is linked by path.
# FFTW is copied beside the .so, which finds it there ($ORIGIN) and is loaded after it by path from Java.
# Usage: build-host.sh <source dir> <output .so> <object dir> <libfftw3.so.3> <fftw3.h dir>
set -eu
src="$1"; out="$2"; tmp="$3"; fftw="$4"; inc="$5"
CXX="${CXX:-g++}"
if ! command -v "$CXX" >/dev/null 2>&1; then
  echo "[native] ERROR: the C++ compiler '$CXX' is not installed; install it with: sudo apt-get install g++ (Fedora: sudo dnf install gcc-c++)" >&2
  exit 1
fi
if [ ! -f "$fftw" ]; then
  echo "[native] ERROR: $fftw is missing (Maven unpacks it from org.bytedeco:fftw in generate-resources)" >&2
  exit 1
fi
mkdir -p "$tmp" "$(dirname "$out")"
outdir="$(dirname "$out")"
newest="$(ls -t "$src"/*.cu "$src"/*.cpp "$src"/*.h "$src"/exports.map "$inc"/fftw3.h "$fftw" "$0" | head -1)"
if [ -f "$out" ] && [ "$out" -nt "$newest" ] && cmp -s "$fftw" "$outdir/libfftw3.so.3"; then
  echo "[native] $out up to date"
  exit 0
fi
common="-O3 -fPIC -std=c++17 -Wall -Wextra -Wno-unused-parameter -fopenmp-simd -fno-math-errno -I$inc -I$src"
$CXX $common -march=x86-64 -mtune=generic -DSS_VARIANT=base -DSS_VARIANT_NAME='"x86-64"' -c "$src/host_cpu.cpp" -o "$tmp/host_base.o"
$CXX $common -march=x86-64-v3 -DSS_VARIANT=v3 -DSS_VARIANT_NAME='"x86-64-v3"' -c "$src/host_cpu.cpp" -o "$tmp/host_v3.o"
$CXX $common -march=x86-64-v4 -mprefer-vector-width=512 -DSS_VARIANT=v4 -DSS_VARIANT_NAME='"x86-64-v4"' -c "$src/host_cpu.cpp" -o "$tmp/host_v4.o"
$CXX $common -march=x86-64 -x c++ -c "$src/kernels.cu" -o "$tmp/kernels_host.o"
$CXX $common -march=x86-64 -c "$src/dispatch.cpp" -o "$tmp/dispatch.o"
cp "$fftw" "$outdir/libfftw3.so.3"
# linking the file itself records NEEDED libfftw3.so.3 (its soname) without any -L search path
$CXX -shared -o "$out" "$tmp/host_base.o" "$tmp/host_v3.o" "$tmp/host_v4.o" "$tmp/kernels_host.o" "$tmp/dispatch.o" \
  "$outdir/libfftw3.so.3" -lm -Wl,--as-needed -static-libstdc++ -static-libgcc -Wl,-z,noexecstack \
  -Wl,-rpath,'$ORIGIN' -Wl,--version-script="$src/exports.map"
echo "[native] built $out (x86-64 / x86-64-v3 / x86-64-v4, dispatched at run time) with $(basename "$fftw") from Maven"
