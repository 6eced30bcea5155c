#!/usr/bin/env bash
# Installs this survivor-pipeline bundle's command, bash completion and man pages under PREFIX (default
# /usr/local when run as root, else ~/.local) as symbolic links into this folder. Usage: ./install.sh [PREFIX]
set -euo pipefail
APP="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
PREFIX="${1:-$([[ "$(id -u)" -eq 0 ]] && echo /usr/local || echo "$HOME/.local")}"
mkdir -p "$PREFIX/bin" "$PREFIX/share/bash-completion/completions" "$PREFIX/share/man/man1"
ln -sfn "$APP/bin/pipeline" "$PREFIX/bin/pipeline"
ln -sfn "$APP/share/bash-completion/completions/pipeline" "$PREFIX/share/bash-completion/completions/pipeline"
for m in "$APP"/share/man/man1/*.1; do
  ln -sfn "$m" "$PREFIX/share/man/man1/$(basename "$m")"
done
echo "installed: $PREFIX/bin/pipeline, bash completion, $(ls "$APP"/share/man/man1/*.1 | wc -l) man pages (man pipeline)"
