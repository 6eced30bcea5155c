package dev.survivor.pipeline.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.kernels.api.BackendProbe;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackendProvider;
import dev.survivor.pipeline.ErrorReporting;
import dev.survivor.pipeline.Hosts;
import dev.survivor.pipeline.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline doctor}: what can run here. Java, OS, CPU, the temp folder, and every scoring
 * backend with its rank, availability and reason. Prints an allow-list of environment variables only.
 * With {@code --cluster} it goes on to check every node of a cluster config ({@link ClusterDoctorRun}).
 */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        header = "Check this machine (Java, CPU, temp folder, scoring backends) and, with --cluster, every node.",
        description = {"Exits non-zero if --backend names a backend that is unknown or not available here.",
                "With --cluster: also checks every node of the cluster config (SSH, host key, login, launcher and "
                        + "Java version, backends, each configured GPU id, free disk, the hub's ports), one line per "
                        + "check; exit 69 when any check FAILs, 65 for a bad cluster config."},
        showDefaultValues = true,
        sortOptions = false)
public final class DoctorCommand implements Callable<Integer> {
    /** Environment variables worth showing; nothing else is printed (no credentials). */
    static final List<String> ENV_ALLOW_LIST = List.of("PIPELINE_BACKEND", "CUDA_VISIBLE_DEVICES",
            "HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "JAVA_HOME");

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend that must be available (exit 69 if not; 65 if unknown).")
    String backend;

    @Option(names = "--json", description = "Print one JSON object instead of the text report.")
    boolean json;

    @Mixin
    ClusterDoctorOptions clusterOptions;

    @Override
    public Integer call() {
        ObjectNode report = localReport();
        PrintWriter out = spec.commandLine().getOut();
        int status = ExitCodes.OK;
        if (clusterOptions.cluster != null) {
            status = ClusterDoctorRun.run(clusterOptions, report, json, out);
        } else {
            clusterOptions.requireNoClusterOnlyOptions(spec);
            if (json) {
                out.println(report.toString());
            } else {
                printText(out, report);
            }
            out.flush();
        }
        if (backend != null) {
            Backends.select(backend); // throws: unknown → 65, unavailable → 69
        }
        return status;
    }

    /** The local machine's report ({@code pipeline doctor --json} prints exactly this object). */
    static ObjectNode localReport() {
        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("pipeline_version", VersionProvider.version());
        report.put("hostname", Hosts.hostname());
        ObjectNode java = report.putObject("java");
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("home", System.getProperty("java.home"));
        java.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        ObjectNode os = report.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        ObjectNode cpu = report.putObject("cpu");
        cpu.put("available_processors", Runtime.getRuntime().availableProcessors());
        cpu.put("model", cpuModel());
        report.set("temp_dir", tempDir());
        ObjectNode env = report.putObject("environment");
        for (String k : ENV_ALLOW_LIST) {
            String v = System.getenv(k);
            if (v != null) {
                env.put(k, v);
            }
        }
        ArrayNode backends = report.putArray("backends");
        for (ScoringBackendProvider p : Backends.providers()) {
            BackendProbe probe = safeProbe(p);
            ObjectNode b = backends.addObject();
            b.put("name", p.name());
            b.put("rank", p.rank());
            b.put("available", probe.available());
            b.put("reason", probe.reason());
            ObjectNode details = b.putObject("details");
            probe.details().forEach(details::put);
        }
        try {
            report.put("auto_selects", Backends.select(Backends.AUTO).name());
        } catch (RuntimeException e) {
            report.put("auto_selects", (String) null);
            report.put("auto_error", ErrorReporting.message(e));
        }
        return report;
    }

    private static BackendProbe safeProbe(ScoringBackendProvider p) {
        try {
            return p.probe();
        } catch (RuntimeException | LinkageError e) { // probe() must not throw; report it if one does
            return BackendProbe.unavailable("probe failed: " + e, Map.of());
        }
    }

    private static ObjectNode tempDir() {
        ObjectNode t = new ObjectMapper().createObjectNode();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        t.put("path", dir.toString());
        try {
            Path probe = Files.createTempFile(dir, "pipeline-doctor", ".tmp");
            Files.delete(probe);
            t.put("writable", true);
        } catch (IOException | RuntimeException e) {
            t.put("writable", false);
            t.put("error", ErrorReporting.message(e));
        }
        return t;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    static void printText(PrintWriter out, ObjectNode r) {
        out.println("pipeline " + r.get("pipeline_version").asText() + " on " + r.get("hostname").asText());
        section(out, "Java", r.get("java"));
        section(out, "OS", r.get("os"));
        section(out, "CPU", r.get("cpu"));
        section(out, "Temp folder", r.get("temp_dir"));
        section(out, "Environment (allow-list)", r.get("environment"));
        out.println("Backends (lowest rank preferred):");
        for (var b : r.get("backends")) {
            out.printf("  %-8s rank %-4d %-13s %s%n", b.get("name").asText(), b.get("rank").asInt(),
                    b.get("available").asBoolean() ? "available" : "UNAVAILABLE", b.get("reason").asText());
            Map<String, String> d = new LinkedHashMap<>();
            b.get("details").properties().forEach(e -> d.put(e.getKey(), e.getValue().asText()));
            d.forEach((k, v) -> out.printf("      %s: %s%n", k, v));
        }
        if (r.get("backends").isEmpty()) {
            out.println("  (none found on the class path)");
        }
        String auto = r.get("auto_selects").isNull() ? "none (" + r.get("auto_error").asText() + ")"
                : r.get("auto_selects").asText();
        out.println("--backend auto selects: " + auto);
    }

    private static void section(PrintWriter out, String title, com.fasterxml.jackson.databind.JsonNode node) {
        out.println(title + ":");
        if (node.isEmpty()) {
            out.println("  (none set)");
        }
        node.properties().forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue().asText()));
    }
}
