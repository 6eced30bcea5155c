#!/bin/sh
# Builds libsurvivor_kernels.so: host_cpu.cpp once per ISA level, kernels.cu (host emulation) and the
# dispatcher, linked against FFTW. Usage: build-host.sh <source dir> <output .so> <object dir>
set -eu
src="$1"; out="$2"; tmp="$3"
mkdir -p "$tmp" "$(dirname "$out")"
newest="$(ls -t "$src"/*.cu "$src"/*.cpp "$src"/*.h "$src"/exports.map "$0" | head -1)"
if [ -f "$out" ] && [ "$out" -nt "$newest" ]; then
  echo "[native] $out up to date"
  exit 0
fi
CXX="${CXX:-g++}"
common="-O3 -fPIC -std=c++17 -Wall -Wextra -Wno-unused-parameter -fopenmp-simd -fno-math-errno -I$src"
$CXX $common -march=x86-64 -mtune=generic -DSS_VARIANT=base -DSS_VARIANT_NAME='"x86-64"' -c "$src/host_cpu.cpp" -o "$tmp/host_base.o"
$CXX $common -march=x86-64-v3 -DSS_VARIANT=v3 -DSS_VARIANT_NAME='"x86-64-v3"' -c "$src/host_cpu.cpp" -o "$tmp/host_v3.o"
$CXX $common -march=x86-64-v4 -mprefer-vector-width=512 -DSS_VARIANT=v4 -DSS_VARIANT_NAME='"x86-64-v4"' -c "$src/host_cpu.cpp" -o "$tmp/host_v4.o"
$CXX $common -march=x86-64 -x c++ -c "$src/kernels.cu" -o "$tmp/kernels_host.o"
$CXX $common -march=x86-64 -c "$src/dispatch.cpp" -o "$tmp/dispatch.o"
$CXX -shared -o "$out" "$tmp/host_base.o" "$tmp/host_v3.o" "$tmp/host_v4.o" "$tmp/kernels_host.o" "$tmp/dispatch.o" \
  -lfftw3 -lm -Wl,--as-needed -static-libstdc++ -static-libgcc -Wl,-z,noexecstack -Wl,--version-script="$src/exports.map"
echo "[native] built $out (x86-64 / x86-64-v3 / x86-64-v4, dispatched at run time)"
