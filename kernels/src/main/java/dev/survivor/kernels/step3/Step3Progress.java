package dev.survivor.kernels.step3;

/** Listener for a running Step 3 job; called on the job's thread. */
public interface Step3Progress {
    Step3Progress NONE = new Step3Progress() {
    };

    /** Before the first batch; {@code total} survivors will be scored. */
    default void started(long total) {
    }

    /** After each batch is written. */
    default void advanced(long done, long total) {
    }

    /** After the output file has been committed. */
    default void finished(Step3Summary summary) {
    }
}
