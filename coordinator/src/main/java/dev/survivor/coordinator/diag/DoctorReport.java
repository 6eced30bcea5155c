package dev.survivor.coordinator.diag;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.io.Json;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The cluster doctor's findings: one {@link CheckResult} per node and check, in config order. */
public record DoctorReport(String cluster, List<NodeConfig> nodes, List<CheckResult> checks) {
    public DoctorReport {
        nodes = List.copyOf(nodes);
        checks = List.copyOf(checks);
    }

    public boolean anyFailed() {
        return checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL);
    }

    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            m.put(v, 0);
        }
        checks.forEach(c -> m.merge(c.verdict(), 1, Integer::sum));
        return m;
    }

    /** Worst verdict of a node's checks (FAIL > WARN > OK; SKIP alone counts as OK). */
    public Verdict verdictOf(String node) {
        Verdict worst = Verdict.OK;
        for (CheckResult c : checks) {
            if (c.node().equals(node) && (c.verdict() == Verdict.FAIL || c.verdict() == Verdict.WARN && worst == Verdict.OK)) {
                worst = c.verdict();
            }
        }
        return worst;
    }

    public String summary() {
        Map<Verdict, Integer> n = counts();
        return String.format("%d node(s), %d checks: %d OK, %d WARN, %d FAIL, %d SKIP — %s", nodes.size(), checks.size(),
                n.get(Verdict.OK), n.get(Verdict.WARN), n.get(Verdict.FAIL), n.get(Verdict.SKIP),
                anyFailed() ? "fix the FAIL lines before running step3" : "the cluster is ready");
    }

    /** {@code node  check  VERDICT  detail — hint}, columns aligned, then the summary line. */
    public void printText(PrintWriter out) {
        int nw = checks.stream().mapToInt(c -> c.node().length()).max().orElse(4);
        int cw = checks.stream().mapToInt(c -> c.check().length()).max().orElse(5);
        out.println("Cluster " + cluster + ":");
        for (CheckResult c : checks) {
            out.printf("%-" + nw + "s  %-" + cw + "s  %-4s  %s%s%n", c.node(), c.check(), c.verdict(), c.detail(),
                    c.hint().isEmpty() ? "" : " — " + c.hint());
        }
        out.println(summary());
    }

    /** {@code {cluster, ok, summary{…}, nodes[], checks[]}} for machines. */
    public ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("cluster", cluster);
        root.put("ok", !anyFailed());
        ObjectNode s = root.putObject("summary");
        counts().forEach((v, n) -> s.put(v.name().toLowerCase(java.util.Locale.ROOT), n));
        ArrayNode ns = root.putArray("nodes");
        for (NodeConfig n : nodes) {
            ObjectNode o = ns.addObject();
            o.put("name", n.name());
            o.put("hostname", n.hostname());
            o.put("port", n.port());
            o.put("transport", n.transport().name().toLowerCase(java.util.Locale.ROOT));
            o.put("backend", n.backend().jsonName());
            o.put("gpu_count", n.gpuCount());
            o.put("verdict", verdictOf(n.name()).name());
        }
        ArrayNode cs = root.putArray("checks");
        for (CheckResult c : checks) {
            ObjectNode o = cs.addObject();
            o.put("node", c.node());
            o.put("check", c.check());
            o.put("verdict", c.verdict().name());
            o.put("detail", c.detail());
            o.put("hint", c.hint());
        }
        return root;
    }
}
