package dev.survivor.coordinator.exec;

/**
 * What running a worker told us. Informational only: success is judged on the output file.
 *
 * @param exitCode   exit status, or -1 when unknown (killed, channel lost)
 * @param timedOut   true when the time limit ended it (the process tree was killed)
 * @param stderrTail last part of stderr, for failure reports
 */
public record ExecResult(int exitCode, boolean timedOut, String stderrTail) {
}
