#!/usr/bin/env bash
# Assembles one release bundle and its .tar.gz (see docs/deploy.md): a jlink'd Java runtime, the application jars
# without other platforms' natives, lib/native (kernel library + FFTW, ONNX Runtime, JCuda), the launcher,
# bash completion and man pages. Needs only the JDK that runs Maven ($JAVA_HOME) and tar.
# Usage: bundle.sh <bundle dir> <dependency jars dir> <main class> <flavor: full|worker> <version>
set -euo pipefail
out="$1"; jars="$2"; main="$3"; flavor="$4"; version="$5"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="$JAVA_HOME/bin/java"
start=$SECONDS
rm -rf "$out" "$out.tar.gz"
mkdir -p "$out/bin" "$out/lib/app" "$out/lib/native" "$out/share/bash-completion/completions" "$out/share/man/man1"

echo "[release] $flavor: application jars (linux-x86_64 natives only)"
javac_out="$(dirname "$out")/release-tools"
mkdir -p "$javac_out"
"$JAVA_HOME/bin/javac" -d "$javac_out" "$src/StripJar.java"
for j in "$jars"/*.jar; do
  "$java" -cp "$javac_out" StripJar "$j" "$out/lib/app/$(basename "$j")" "$out/lib/native"
done > "$(dirname "$out")/$flavor-natives.txt"
grep -c "dropped" "$(dirname "$out")/$flavor-natives.txt" | sed 's/^/[release]   native files of other platforms left out: /'

echo "[release] $flavor: Java runtime (jlink)"
# what jdeps finds (it can fail on a modular jar whose own dependencies are absent: then the list below alone),
# plus what is used through reflection or service loading, which jdeps cannot see: JSch's EC keys, zip file
# systems, the JVM's own management (child process flags), character sets, DNS, logging, SQL, XML
found="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 \
  --class-path "$out/lib/app/*" "$out"/lib/app/*.jar 2>/dev/null | tail -1)" || found=""
modules="$(printf '%s\n' ${found//,/ } java.base java.desktop java.logging java.management java.naming java.sql java.xml \
  jdk.crypto.ec jdk.zipfs jdk.management jdk.charsets jdk.naming.dns jdk.unsupported jdk.httpserver \
  | grep -E '^[a-z][a-z.]*$' | sort -u | paste -sd, -)"
echo "[release]   modules: $modules"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-9 --output "$out/runtime"

sed -e "s/@MAIN@/$main/" -e "s/@FLAVOR@/$flavor/" -e "s/@VERSION@/$version/" "$src/launcher.sh" > "$out/bin/pipeline"
cp "$src/install.sh" "$out/install.sh"
chmod 755 "$out/bin/pipeline" "$out/install.sh"

echo "[release] $flavor: bash completion and man pages"
"$out/bin/pipeline" --version > /dev/null
"$JAVA_HOME/bin/javac" -d "$javac_out" -cp "$out/lib/app/*:$jars/../tools/*" "$src/GenerateDocs.java"
"$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Djava.awt.headless=true \
  -cp "$javac_out:$out/lib/app/*:$jars/../tools/*" \
  GenerateDocs "$main" "$out/share/bash-completion/completions/pipeline" "$out/share/man/man1" "$version"

printf 'survivor-pipeline %s (%s bundle, linux-x86_64)\n' "$version" "$flavor" > "$out/VERSION"
cp "$src/BUNDLE-README.txt" "$out/README.txt"
tar -C "$(dirname "$out")" -czf "$out.tar.gz" "$(basename "$out")"
(cd "$(dirname "$out")" && sha256sum "$(basename "$out").tar.gz" > "$(basename "$out").tar.gz.sha256")
echo "[release] $flavor: $out.tar.gz $(du -m "$out.tar.gz" | cut -f1) MB ($(du -sm "$out" | cut -f1) MB unpacked) in $((SECONDS - start)) s"
