package dev.survivor.pipeline.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.models.synthetic.SyntheticSurvivors;
import dev.survivor.pipeline.SelfLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails while Step 5 publishes (a full disk) exits 74 with the reason, and the previous model stays
 * published. The child process runs with a file-size limit (ulimit -f), which makes writes past the limit fail the
 * way a full disk does (an IOException from write, the process itself unharmed).
 */
@Tag("slow")
class Step5DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteExits74AndKeepsThePreviousModel() throws Exception {
        Path survivors = SyntheticSurvivors.write(dir.resolve("s.json"), 150, 3, 0);
        Path models = dir.resolve("models");
        List<String> args = List.of("step5", "--survivors", survivors.toString(), "--model-type", "catboost",
                "--trials", "1", "--k-folds", "2", "--threads", "1", "--output-dir", models.toString());
        Result ok = launch(args, 0);
        assertThat(ok.code()).as(ok.output()).isZero();
        String published = Files.readString(models.resolve("best_model.meta.json"));

        Result full = launch(args, 48); // 48 KiB: the lock file fits, a 200-tree checkpoint does not
        assertThat(full.code()).as(full.output()).isEqualTo(74);
        assertThat(full.output()).contains("step5: error: cannot write").contains("File too large");
        assertThat(Files.readString(models.resolve("best_model.meta.json"))).isEqualTo(published);
        try (var runs = Files.list(models.resolve("runs"))) {
            assertThat(runs.count()).as("the failed run's folder is removed").isEqualTo(1);
        }
    }

    private record Result(int code, String output) {
    }

    private Result launch(List<String> args, int fileSizeKiB) throws Exception {
        List<String> cmd = new ArrayList<>(SelfLauncher.command(List.of("-XX:-UsePerfData", "-Xmx1g")));
        cmd.addAll(args);
        StringBuilder sh = new StringBuilder(fileSizeKiB > 0 ? "ulimit -f " + fileSizeKiB + "; exec" : "exec");
        for (String c : cmd) {
            sh.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        Process p = new ProcessBuilder("bash", "-c", sh.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
