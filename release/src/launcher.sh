#!/usr/bin/env bash
# `pipeline` launcher of a survivor-pipeline release bundle (@FLAVOR@ bundle, version @VERSION@): runs the
# bundle's own Java runtime (no JDK needed) with the flags the libraries need; the native libraries load
# from lib/native, so nothing is extracted into the temp folder. Works through a symlink and from any directory.
set -euo pipefail
APP="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
NATIVE="$APP/lib/native"
# shellcheck disable=SC2086 # PIPELINE_JAVA_OPTS is a list of JVM options, split on spaces on purpose
exec "$APP/runtime/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Djava.awt.headless=true -Dsurvivor.native.dir="$NATIVE" -Donnxruntime.native.path="$NATIVE" \
  -Djava.library.path="$NATIVE" -Dpipeline.bundle="@FLAVOR@" ${PIPELINE_JAVA_OPTS:-} \
  -cp "$APP/lib/app/*" @MAIN@ "$@"
