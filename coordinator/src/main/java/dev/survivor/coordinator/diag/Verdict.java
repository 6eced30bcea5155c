package dev.survivor.coordinator.diag;

/** Outcome of one check. SKIP: not run because a check it depends on failed (or it does not apply). */
public enum Verdict {
    OK, WARN, FAIL, SKIP
}
