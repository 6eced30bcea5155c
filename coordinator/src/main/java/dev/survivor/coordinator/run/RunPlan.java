package dev.survivor.coordinator.run;

import dev.survivor.coordinator.jobs.ScriptJob;
import java.nio.file.Path;
import java.util.List;

/**
 * The run before execution: id, local run directory, GPU slots and the first assignment of jobs to
 * slots (idle slots later take queued work from busy ones, and retries move).
 */
public record RunPlan(String runId, Path runDir, Path baseDir, List<Slot> slots, List<Assignment> assignments) {

    /** One job on its planned slot. {@code outputName} is the file name under the run directory. */
    public record Assignment(ScriptJob job, Slot slot, String outputName) {
    }

    public RunPlan {
        slots = List.copyOf(slots);
        assignments = List.copyOf(assignments);
    }
}
