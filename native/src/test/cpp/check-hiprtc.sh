#!/bin/sh
# Builds hiprtc_check (no HIP headers needed: dlopen) and compiles the kernel source for gfx90a and
# gfx1030 (the targets Debian's hiprtc 5.2 handles; newer ones abort inside that version).
# Exit 77 = hiprtc absent, reported as skipped. Usage: check-hiprtc.sh <source dir> <binary>
set -eu
src="$1"; bin="$2"
here="$(dirname "$0")"
mkdir -p "$(dirname "$bin")"
g++ -O1 -std=c++17 -o "$bin" "$here/hiprtc_check.cpp" -ldl
exec "$bin" "$src" gfx90a gfx1030
