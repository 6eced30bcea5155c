package dev.survivor.coordinator.diag;

/**
 * One line of the cluster report.
 *
 * @param node    node name (as in step3 reports), or {@value ClusterDoctor#THIS_MACHINE} for checks run here
 * @param check   check name: ssh, host_key, auth, launcher, java, backends, gpu N, gpus, disk, hub, hub_dashboard
 * @param verdict the outcome
 * @param detail  what was found
 * @param hint    what to do about it; empty when nothing is to be done
 */
public record CheckResult(String node, String check, Verdict verdict, String detail, String hint) {
    public CheckResult {
        detail = detail == null ? "" : detail.strip();
        hint = hint == null ? "" : hint.strip();
    }

    static CheckResult ok(String node, String check, String detail) {
        return new CheckResult(node, check, Verdict.OK, detail, "");
    }

    static CheckResult warn(String node, String check, String detail, String hint) {
        return new CheckResult(node, check, Verdict.WARN, detail, hint);
    }

    static CheckResult fail(String node, String check, String detail, String hint) {
        return new CheckResult(node, check, Verdict.FAIL, detail, hint);
    }

    static CheckResult skip(String node, String check, String reason) {
        return new CheckResult(node, check, Verdict.SKIP, reason, "");
    }
}
