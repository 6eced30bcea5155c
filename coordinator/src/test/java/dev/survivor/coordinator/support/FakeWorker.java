package dev.survivor.coordinator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A real worker script (POSIX sh + awk) with the {@code pipeline score} argument interface. It writes one
 * record per seed of its chunk ({@code seed}, {@code score} = seed mod 1000 / 10, {@code features}) to a temp
 * file and renames it. A fault file {@code $FAULT_DIR/<output name>} (consumed on use, so a retry succeeds)
 * or {@code <output name>.always} (kept) makes it misbehave: crash, truncate, short, empty, hang.
 */
public final class FakeWorker {
    public static final String NAME = "fake_worker.sh";

    private static final String SCRIPT = """
            #!/bin/sh
            seeds=""; out=""; gpu=""
            while [ $# -gt 0 ]; do
              case "$1" in
                --seeds-file) seeds="$2"; shift 2;;
                --output-file) out="$2"; shift 2;;
                --gpu-id) gpu="$2"; shift 2;;
                *) shift;;
              esac
            done
            name=$(basename "$out")
            fault=""
            if [ -n "$FAULT_DIR" ]; then
              if [ -f "$FAULT_DIR/$name" ]; then fault=$(cat "$FAULT_DIR/$name"); rm -f "$FAULT_DIR/$name"; fi
              if [ -f "$FAULT_DIR/$name.always" ]; then fault=$(cat "$FAULT_DIR/$name.always"); fi
              echo "$name gpu=$gpu cuda=$CUDA_VISIBLE_DEVICES hip=$HIP_VISIBLE_DEVICES rocr=$ROCR_VISIBLE_DEVICES node=$NODE_NAME pwd=$(pwd) fault=$fault" >> "$FAULT_DIR/invocations.log"
            fi
            echo "worker starting $name on gpu $gpu" >&2
            case "$fault" in
              hang) sleep 120 & echo $! > "$FAULT_DIR/$name.child"; echo $$ > "$FAULT_DIR/$name.pid"; wait; exit 0;;
              crash) printf '[{"seed":1' > "$out"; kill -9 $$;;
              empty) : > "$out"; exit 0;;
              fail) echo "boom" >&2; exit 3;;
            esac
            tmp="$out.tmp.$$"
            grep -o '"seed" *: *[0-9]*' "$seeds" | grep -o '[0-9]*$' | awk -v fault="$fault" -v gpu="$gpu" -v node="$NODE_NAME" '
              BEGIN { printf "[" }
              { if (fault == "short" && NR > 1) next
                if (NR > 1) printf ","
                s = ($1 % 1000) / 10
                printf "{\\"seed\\":%s,\\"score\\":%s,\\"features\\":{\\"score\\":%s,\\"worker_gpu\\":%s},\\"metadata\\":{\\"node\\":\\"%s\\"}}", $1, s, s, gpu, node }
              END { printf "]\\n" }' > "$tmp"
            if [ "$fault" = truncate ]; then head -c 30 "$tmp" > "$out"; rm -f "$tmp"; exit 0; fi
            mv "$tmp" "$out"
            echo '{"status": "success"}'
            """;

    private FakeWorker() {
    }

    /** Writes the script executable into {@code dir} and returns its path. */
    public static Path install(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(NAME);
        Files.writeString(p, SCRIPT);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
