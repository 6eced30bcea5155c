package dev.survivor.pipeline.runrecord;

import dev.survivor.pipeline.SelfLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code pipeline ARGS} as a child process with this process's Java and class path: a fresh JVM is what the
 * recorded run was (no state left over from the replaying process), and its working directory can be the
 * recorded one. Its stdout and stderr are copied to ours.
 */
final class ChildPipeline {
    private ChildPipeline() {
    }

    static List<String> command(List<String> args) {
        List<String> jvm = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // memory and library settings matter to the run; agents and debugger flags of this JVM do not
            if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss")
                    || a.startsWith("-Djava.library.path=")) {
                jvm.add(a);
            }
        }
        List<String> cmd = new ArrayList<>(SelfLauncher.command(jvm));
        cmd.addAll(args);
        return cmd;
    }

    static int run(List<String> args, Path workingDir, Map<String, String> envChanges, PrintWriter out,
                   PrintWriter err) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(workingDir.toFile());
        envChanges.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        p.getOutputStream().close(); // the recorded runs read no stdin
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        try {
            int code = p.waitFor();
            o.join();
            e.join();
            return code;
        } catch (InterruptedException ex) {
            p.destroy();
            throw ex;
        }
    }

    private static Thread pump(InputStream in, PrintWriter to) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                for (int n; (n = r.read(buf)) > 0; ) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // the child closed its stream
            }
        });
    }
}
