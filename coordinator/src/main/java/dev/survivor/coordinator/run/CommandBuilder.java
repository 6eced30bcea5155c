package dev.survivor.coordinator.run;

import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.exec.WorkerCommand;
import dev.survivor.coordinator.jobs.ScriptJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker command of one job on one GPU: {@code pipeline score <args> --gpu-id G} through the node's
 * launcher (or a script path), with the GPU made visible by the node's backend (docs/decisions.md C3) and the
 * node's env overrides on top.
 */
public final class CommandBuilder {
    private CommandBuilder() {
    }

    /** @param outputPath path the worker writes on that node (replaces the {@code --output-file} value) */
    public static WorkerCommand build(ScriptJob job, NodeConfig node, int gpu, String workdir, String outputPath) {
        Map<String, String> env = new LinkedHashMap<>(node.backend().visibilityEnv(gpu));
        env.putAll(node.env());
        List<String> argv = new ArrayList<>();
        if (job.isPipelineCommand()) {
            if (node.pipelineJar() != null) {
                argv.addAll(List.of(node.launcher(), "--enable-native-access=ALL-UNNAMED", "-jar", node.pipelineJar()));
            } else {
                argv.add(node.launcher());
            }
            argv.addAll(List.of(job.script().substring(ScriptJob.PIPELINE_PREFIX.length()).trim().split("\\s+")));
        } else {
            String s = job.script();
            argv.add(s.startsWith("/") ? s : workdir + "/" + s);
        }
        List<String> args = new ArrayList<>(job.args());
        int o = args.indexOf("--output-file");
        if (outputPath != null && o >= 0 && o + 1 < args.size()) {
            args.set(o + 1, outputPath);
        }
        argv.addAll(args);
        if (!args.contains("--gpu-id")) {
            argv.add("--gpu-id");
            argv.add(Integer.toString(gpu));
        }
        return new WorkerCommand(workdir, env, argv, outputPath);
    }
}
