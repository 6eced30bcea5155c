package dev.survivor.pipeline.runrecord;

import dev.survivor.pipeline.SelfLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code pipeline ARGS} as a real child JVM (this test's class path) in a given directory. */
record PipelineProcess(int exitCode, String out, String err) {

    static PipelineProcess run(Path workingDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(SelfLauncher.command(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1")));
        cmd.addAll(List.of(args));
        Path outFile = Files.createTempFile("pipeline-out", ".txt");
        Path errFile = Files.createTempFile("pipeline-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile())
                    .redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
            pb.environment().remove(RunRecorder.REPLAY_ENV);
            pb.environment().remove("PIPELINE_HUB");
            pb.environment().remove("PIPELINE_HUB_TOKEN_FILE");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("pipeline " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new PipelineProcess(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    String both() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }
}
