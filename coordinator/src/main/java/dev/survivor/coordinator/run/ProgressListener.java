package dev.survivor.coordinator.run;

import dev.survivor.coordinator.jobs.ScriptJob;

/** Progress of a run, for the CLI view (and later the hub). Called from worker threads: be quick and thread-safe. */
public interface ProgressListener {
    default void runStarted(RunPlan plan, int toRun, int resumed) {
    }

    default void jobStarted(ScriptJob job, Slot slot, int attempt) {
    }

    /** @param retrying true when the job will be tried again */
    default void jobFinished(ScriptJob job, Slot slot, Attempt attempt, boolean retrying) {
    }

    default void nodeDown(String node, String reason) {
    }

    default void runFinished(RunReport report) {
    }

    ProgressListener NONE = new ProgressListener() {
    };
}
