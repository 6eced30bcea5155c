package dev.survivor.coordinator.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * One job of the frozen SCRIPT JOB SPEC v1.0 (docs/coordinator.md §1.1).
 *
 * @param jobId          unique id
 * @param script         worker: {@code "pipeline score"} (the node's launcher runs the subcommand) or an
 *                       executable path, relative to the node's script_path
 * @param args           argv for the worker
 * @param expectedOutput the output file whose validity decides success
 * @param timeoutSeconds wall-clock limit of one attempt
 * @param chunkFile      informational: the local chunk path, or null
 * @param seedCount      records the output must hold (docs/decisions.md C1), or null when unknown
 */
public record ScriptJob(String jobId, String script, List<String> args, String expectedOutput, int timeoutSeconds,
                        String chunkFile, Integer seedCount) {
    public static final int DEFAULT_TIMEOUT = 7200;
    public static final String PIPELINE_PREFIX = "pipeline ";

    public ScriptJob {
        args = List.copyOf(args);
    }

    /** The value following {@code option} in args, or null. */
    public String option(String option) {
        int i = args.indexOf(option);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }

    /** A copy with the value after {@code option} replaced (or appended when absent). */
    public ScriptJob withOption(String option, String value) {
        List<String> a = new ArrayList<>(args);
        int i = a.indexOf(option);
        if (i >= 0 && i + 1 < a.size()) {
            a.set(i + 1, value);
        } else {
            a.add(option);
            a.add(value);
        }
        return new ScriptJob(jobId, script, a, expectedOutput, timeoutSeconds, chunkFile, seedCount);
    }

    public ScriptJob withExpectedOutput(String out) {
        return new ScriptJob(jobId, script, args, out, timeoutSeconds, chunkFile, seedCount);
    }

    public ScriptJob withArgs(List<String> a) {
        return new ScriptJob(jobId, script, a, expectedOutput, timeoutSeconds, chunkFile, seedCount);
    }

    /** True when the worker is a pipeline subcommand run by the node's launcher. */
    public boolean isPipelineCommand() {
        return script.startsWith(PIPELINE_PREFIX);
    }
}
