package dev.survivor.coordinator.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.exec.NodeException;
import dev.survivor.coordinator.exec.WorkerCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The checks of one node that need only a shell there (local or SSH): the launcher with {@code doctor --json}
 * (pipeline and Java version), its backends, each configured GPU id, free disk, and the hub from the node.
 * Commands run in the node's working directory with the node's env, as its workers do.
 */
final class ShellChecks {
    /** GPU probes started at once on one node (each one is a JVM start). */
    private static final int GPU_PROBES_AT_ONCE = 4;

    private final NodeConfig node;
    private final int index;
    private final DoctorOptions options;
    private final NodeShell shell;
    private final String workdir;
    private final Consumer<CheckResult> add;
    private final String name;

    ShellChecks(NodeConfig node, int index, DoctorOptions options, NodeShell shell, String workdir,
                Consumer<CheckResult> add) {
        this.node = node;
        this.index = index;
        this.options = options;
        this.shell = shell;
        this.workdir = workdir;
        this.add = add;
        this.name = node.name();
    }

    /** Runs {@code doctor --json} through the node's launcher; null (after a FAIL line) when that fails. */
    RemoteReport launcher() {
        String cmd = doctorCommand(node.env());
        NodeShell.Result r;
        try {
            r = shell.run(cmd);
        } catch (NodeException e) {
            add.accept(CheckResult.fail(name, "launcher", e.getMessage(), "run it by hand on the node: " + cmd));
            return null;
        }
        String where = "nodes[" + index + "].java";
        if (r.exit() == 127) {
            add.accept(CheckResult.fail(name, "launcher", "'" + node.launcher() + "' not found on the node: " + r.lastLine(),
                    "set " + where + " to the absolute path of the pipeline launcher there (or a java binary plus pipeline_jar)"));
            return null;
        }
        if (r.exit() == 126) {
            add.accept(CheckResult.fail(name, "launcher", "'" + node.launcher() + "' is not executable: " + r.lastLine(),
                    "chmod +x it on the node, or fix " + where));
            return null;
        }
        RemoteReport report = RemoteReport.find(r.output());
        if (!r.ok() || report == null) {
            add.accept(CheckResult.fail(name, "launcher", launcherText() + " doctor --json "
                    + (r.ok() ? "printed no report" : "exited " + r.exit()) + ": " + r.lastLine(),
                    "deploy the current pipeline build to the node and run by hand: " + cmd));
            return null;
        }
        String v = report.pipelineVersion();
        String here = options.localVersion();
        if (!v.equals(here) && !"unknown".equals(v) && !"unknown".equals(here)) {
            add.accept(CheckResult.warn(name, "launcher", "pipeline " + v + " via " + launcherText(),
                    "this machine runs pipeline " + here + ": deploy the same build on every node"));
        } else {
            add.accept(CheckResult.ok(name, "launcher", "pipeline " + v + " via " + launcherText()));
        }
        add.accept(CheckResult.ok(name, "java", report.javaSummary()));
        return report;
    }

    void backends(RemoteReport r) {
        // the reasons only matter when the node's GPU backend is missing; the gpu lines repeat the one that counts
        List<String> unavailable = r.unavailable(gpuProvider() != null && !r.available().contains(gpuProvider()));
        String detail = "available: " + String.join(", ", r.available()) + "; auto selects " + r.autoSelects()
                + (unavailable.isEmpty() ? "" : "; unavailable: " + String.join(", ", unavailable));
        String forced = node.env().get("PIPELINE_BACKEND");
        if (r.available().isEmpty()) {
            add.accept(CheckResult.fail(name, "backends", detail, "no scoring backend can run there: see the reasons"));
        } else if (forced != null && !forced.equals("auto") && !r.available().contains(forced)) {
            add.accept(CheckResult.fail(name, "backends", "PIPELINE_BACKEND=" + forced + " (node env) is not available; " + detail,
                    "fix nodes[" + index + "].env.PIPELINE_BACKEND or the node"));
        } else if (gpuProvider() != null && !r.available().contains(gpuProvider())) {
            add.accept(CheckResult.warn(name, "backends", detail, "backend " + node.backend().jsonName() + " is configured but "
                    + gpuProvider() + " is unavailable: workers would score on " + r.autoSelects() + " (see the gpu lines)"));
        } else {
            add.accept(CheckResult.ok(name, "backends", detail));
        }
    }

    /** The kernels provider that uses this node's GPUs: cuda, hip, or null for CPU nodes. */
    private String gpuProvider() {
        return switch (node.backend()) {
            case CUDA -> "cuda";
            case ROCM -> "hip";
            case CPU -> null;
        };
    }

    /** Each configured GPU id must be visible under the same environment a worker on it gets (docs/decisions.md C3). */
    void gpus(RemoteReport whole) {
        String provider = gpuProvider();
        if (provider == null) {
            add.accept(CheckResult.ok(name, "gpus", "cpu node: no GPU to check (" + node.slots() + " worker slots)"));
            return;
        }
        JsonNode b = whole.backend(provider);
        int devices = b.path("details").path("devices").asInt(-1);
        String hint = "check the driver on the node (" + (provider.equals("cuda") ? "nvidia-smi" : "rocm-smi")
                + ") or set nodes[" + index + "].backend/gpu_count to what the node has";
        List<Future<CheckResult>> lines = new ArrayList<>(); // in id order, whether decided here or probed
        try (ExecutorService pool = Executors.newFixedThreadPool(GPU_PROBES_AT_ONCE, Thread.ofVirtual().factory())) {
            for (int g = 0; g < node.gpuCount(); g++) {
                String check = "gpu " + g;
                if (b.isMissingNode()) {
                    lines.add(done(CheckResult.fail(name, check, "GPU " + g + " not checkable: the node's pipeline has no "
                            + provider + " backend", "deploy a pipeline build with the " + provider + " backend")));
                } else if (!b.path("available").asBoolean()) {
                    lines.add(done(CheckResult.fail(name, check, "GPU " + g + " not visible: " + provider
                            + " is unavailable on the node (" + b.path("reason").asText() + ")", hint)));
                } else if (devices >= 0 && g >= devices) {
                    lines.add(done(CheckResult.fail(name, check, "GPU " + g + " not visible: the node reports " + devices
                            + " " + provider + " device(s), the config says gpu_count " + node.gpuCount(), hint)));
                } else {
                    int id = g;
                    lines.add(pool.submit(() -> probeGpu(provider, id, hint)));
                }
            }
        }
        for (int g = 0; g < lines.size(); g++) {
            try {
                add.accept(lines.get(g).get());
            } catch (Exception e) {
                add.accept(CheckResult.fail(name, "gpu " + g, "probe failed: " + e, hint));
            }
        }
    }

    private static Future<CheckResult> done(CheckResult r) {
        return java.util.concurrent.CompletableFuture.completedFuture(r);
    }

    /** One JVM start on the node with only GPU {@code g} visible: the backend must still find a device. */
    private CheckResult probeGpu(String provider, int g, String hint) {
        Map<String, String> env = new LinkedHashMap<>(node.backend().visibilityEnv(g));
        String visible = String.join(" ", env.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList());
        env.putAll(node.env()); // the node's env wins, exactly as for its workers
        try {
            NodeShell.Result r = shell.run(doctorCommand(env));
            RemoteReport rep = RemoteReport.find(r.output());
            if (rep == null) {
                return CheckResult.fail(name, "gpu " + g, "GPU " + g + ": doctor with " + visible + " failed: " + r.lastLine(), hint);
            }
            JsonNode b = rep.backend(provider);
            if (b.path("available").asBoolean()) {
                return CheckResult.ok(name, "gpu " + g, "GPU " + g + " visible with " + visible + ": "
                        + b.path("details").path("device.0").asText(b.path("reason").asText()));
            }
            return CheckResult.fail(name, "gpu " + g, "GPU " + g + " not visible with " + visible + ": "
                    + b.path("reason").asText("no " + provider + " backend"), hint);
        } catch (NodeException e) {
            return CheckResult.fail(name, "gpu " + g, "GPU " + g + ": " + e.getMessage(), hint);
        }
    }

    /** Free space where the workers write; a missing working directory is measured at its nearest existing parent. */
    void disk() {
        String q = WorkerCommand.quote(workdir);
        String cmd = "d=" + q + "; while [ ! -d \"$d\" ]; do d=$(dirname \"$d\"); done; "
                + "if [ -d " + q + " ]; then echo exists; else echo missing; fi; "
                + "if [ -w \"$d\" ]; then echo writable; else echo readonly; fi; df -Pk \"$d\" | tail -n 1";
        try {
            NodeShell.Result r = shell.run(cmd);
            String[] lines = r.output().split("\\R");
            String[] df = r.lastLine().split("\\s+");
            if (!r.ok() || lines.length < 3 || df.length < 6) {
                add.accept(CheckResult.warn(name, "disk", "cannot measure free space in " + workdir + ": " + r.lastLine(),
                        "check df -Pk " + workdir + " on the node"));
                return;
            }
            boolean exists = lines[0].strip().equals("exists");
            boolean writable = lines[1].strip().equals("writable");
            long free = Long.parseLong(df[3]) * 1024;
            String detail = String.format("%.1f GiB free in %s (%s on %s)%s", free / (double) (1L << 30), workdir, df[0],
                    df[5], exists ? "" : "; the directory does not exist yet (the first run creates it)");
            if (!writable) {
                add.accept(CheckResult.fail(name, "disk", detail + "; not writable by " + (node.isLocal() ? "this user" : node.username()),
                        "fix the permissions or nodes[" + index + "].script_path"));
            } else if (free < options.minFreeBytes()) {
                add.accept(CheckResult.warn(name, "disk", detail + String.format(", below %.1f GiB",
                        options.minFreeBytes() / (double) (1L << 30)), "free space there or move script_path"));
            } else {
                add.accept(CheckResult.ok(name, "disk", detail));
            }
        } catch (NodeException | NumberFormatException e) {
            add.accept(CheckResult.warn(name, "disk", "cannot measure free space in " + workdir + ": " + e.getMessage(),
                    "check df -Pk " + workdir + " on the node"));
        }
    }

    /** Whether the node itself reaches a hub port (bash's /dev/tcp: no extra tool needed). */
    void hubFromNode(HubTarget h) {
        String cmd = "command -v timeout >/dev/null && command -v bash >/dev/null || exit 127; timeout 5 bash -c "
                + "'exec 3<>/dev/tcp/$0/$1' " + WorkerCommand.quote(h.host()) + " " + h.port();
        try {
            NodeShell.Result r = shell.run(cmd);
            if (r.ok()) {
                add.accept(CheckResult.ok(name, h.check(), h.address() + " answers from the node"));
            } else if (r.exit() == 127) {
                add.accept(CheckResult.warn(name, h.check(), "cannot test from the node: it lacks bash or timeout", ""));
            } else {
                String why = r.exit() == 124 ? "timed out" : r.lastLine().substring(r.lastLine().lastIndexOf(": ") + 1).strip();
                add.accept(CheckResult.fail(name, h.check(), h.address() + " does not answer from the node (" + why + ")",
                        hubHint(h, !isLoopback(node.hostname()))));
            }
        } catch (NodeException e) {
            add.accept(CheckResult.warn(name, h.check(), "cannot test from the node: " + e.getMessage(), ""));
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** @param fromRemote the check ran on another machine, where a loopback hub address means that machine */
    static String hubHint(HubTarget h, boolean fromRemote) {
        String loopback = fromRemote && isLoopback(h.host())
                ? "; " + h.host() + " is a loopback address, which on a node means the node itself: give the hub's LAN address" : "";
        return "start the hub (pipeline hub serve), check its --bind address and the firewall for port " + h.port() + loopback;
    }

    /** {@code cd workdir; exec env … <launcher> doctor --json}: the worker's launcher and environment. */
    private String doctorCommand(Map<String, String> env) {
        StringBuilder sb = new StringBuilder("cd ").append(WorkerCommand.quote(workdir)).append(" 2>/dev/null; exec ");
        if (!env.isEmpty()) {
            sb.append("env ");
            env.forEach((k, v) -> sb.append(k).append('=').append(WorkerCommand.quote(v)).append(' '));
        }
        launcherArgv().forEach(a -> sb.append(WorkerCommand.quote(a)).append(' '));
        return sb.append("doctor --json").toString();
    }

    private List<String> launcherArgv() {
        return node.pipelineJar() != null
                ? List.of(node.launcher(), "--enable-native-access=ALL-UNNAMED", "-jar", node.pipelineJar())
                : List.of(node.launcher());
    }

    private String launcherText() {
        return String.join(" ", launcherArgv());
    }
}
