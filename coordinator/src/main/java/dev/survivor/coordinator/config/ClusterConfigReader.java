package dev.survivor.coordinator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a cluster config: the reference's {@code distributed_config.json} (only {@code nodes} matters,
 * the Step 1 sections are accepted and ignored) plus our node fields. Unknown keys and wrong types
 * are errors naming the key; hard-coded reference behaviour becomes defaults (ROCm host list,
 * stagger 3 s local / 2 s remote).
 */
public final class ClusterConfigReader {
    /** Embedded single-node localhost cluster, backend detected locally. */
    public static final String DEFAULT_RESOURCE = "/dev/survivor/coordinator/default-cluster.json";
    /** The real 26-GPU cluster, shipped as an example. */
    public static final String EXAMPLE_RESOURCE = "/dev/survivor/coordinator/example-cluster-26gpu.json";

    /** Hosts the reference treats as ROCm by name; used only when a node declares no backend. */
    static final Set<String> REFERENCE_ROCM_HOSTS = Set.of("192.168.3.120", "192.168.3.154", "192.168.3.162",
            "rig-6600", "rig-6600b", "rig-6600c");
    static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    static final String[] REFERENCE_TOP_LEVEL = {"sieve_defaults", "reverse_sieve_defaults", "search_bounds",
        "evaluation_thresholds", "prng_type", "prng", "mod", "description", "version", "cluster_name"};

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClusterConfigReader() {
    }

    public static ClusterConfig read(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(name, in);
        } catch (NoSuchFileException e) {
            throw new ClusterConfigException(name + ": cluster config file not found");
        } catch (IOException e) {
            throw new ClusterConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static ClusterConfig embeddedDefault() {
        return resource(DEFAULT_RESOURCE, "embedded default cluster (localhost)");
    }

    public static ClusterConfig example() {
        return resource(EXAMPLE_RESOURCE, "example-cluster-26gpu.json");
    }

    private static ClusterConfig resource(String res, String name) {
        try (InputStream in = ClusterConfigReader.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the jar: " + res);
            }
            return parse(name, in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + res, e);
        }
    }

    static ClusterConfig parse(String file, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ClusterConfigException(file + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        ObjectFields top = new ObjectFields(file, "", root);
        top.ignore(REFERENCE_TOP_LEVEL);
        SshSettings ssh = ssh(file, top);
        List<JsonNode> rawNodes = top.array("nodes");
        top.rejectUnknown();
        if (rawNodes.isEmpty()) {
            throw new ClusterConfigException(file + ": nodes: the array is empty; at least one node is needed");
        }
        List<NodeConfig> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rawNodes.size(); i++) {
            NodeConfig n = node(file, "nodes[" + i + "]", rawNodes.get(i));
            if (!names.add(n.name())) {
                throw new ClusterConfigException(file + ": nodes[" + i + "].hostname: node " + n.name()
                        + " is listed twice (give a different port or hostname)");
            }
            nodes.add(n);
        }
        return new ClusterConfig(file, nodes, ssh);
    }

    private static SshSettings ssh(String file, ObjectFields top) {
        SshSettings d = SshSettings.defaults();
        if (!top.has("ssh")) {
            return d;
        }
        ObjectFields f = new ObjectFields(file, "ssh", top.raw("ssh"));
        Path kh = f.has("known_hosts") ? Path.of(expandHome(f.string("known_hosts", null))) : d.knownHosts();
        HostKeyPolicy policy;
        try {
            policy = HostKeyPolicy.parse(f.string("host_key_policy", "strict"));
        } catch (IllegalArgumentException e) {
            throw f.error("ssh.host_key_policy", e.getMessage());
        }
        SshSettings s = new SshSettings(kh, policy,
                f.integer("connect_timeout_seconds", d.connectTimeoutSeconds(), 1),
                f.integer("command_timeout_seconds", d.commandTimeoutSeconds(), 1),
                f.integer("max_channels_per_connection", d.maxChannelsPerConnection(), 1));
        f.rejectUnknown();
        return s;
    }

    private static NodeConfig node(String file, String path, JsonNode raw) {
        ObjectFields f = new ObjectFields(file, path, raw);
        f.ignore("use_ramdisk", "ramdisk_path", "python_env");
        String host = f.string("hostname", null);
        Transport transport = transport(f, host);
        boolean local = transport == Transport.LOCAL;
        String backendName = f.string("backend", defaultBackend(host, f.raw("python_env")));
        Integer gpuCountOrNull = f.has("gpu_count") ? f.integer("gpu_count", null, 1) : null;
        Backend backend;
        int gpuCount;
        if (backendName.equals("auto")) {
            if (!local) {
                throw f.error(f.key("backend"), "\"auto\" is only possible for a local node; declare cuda, rocm or cpu");
            }
            LocalDevices d = LocalDevices.detect();
            backend = d.backend();
            gpuCount = gpuCountOrNull != null ? gpuCountOrNull : d.count();
        } else {
            backend = switch (backendName) {
                case "cuda" -> Backend.CUDA;
                case "rocm" -> Backend.ROCM;
                case "cpu" -> Backend.CPU;
                default -> throw f.error(f.key("backend"), "expected \"cuda\", \"rocm\", \"cpu\" or \"auto\", found \""
                        + backendName + "\"");
            };
            if (gpuCountOrNull == null) {
                throw f.error(f.key("gpu_count"), "required key is missing");
            }
            gpuCount = gpuCountOrNull;
        }
        String user = f.string("username", System.getProperty("user.name"));
        int port = f.integer("port", 22, 1);
        if (port > 65535) {
            throw f.error(f.key("port"), "expected a TCP port 1..65535, found " + port);
        }
        String gpuType = f.string("gpu_type", "unknown");
        String scriptPath = f.string("script_path", local ? "." : null);
        if (!local && !scriptPath.startsWith("/")) {
            throw f.error(f.key("script_path"), "an SSH node needs an absolute path, found \"" + scriptPath + "\"");
        }
        int maxConcurrent = f.integer("max_concurrent_script_jobs", gpuCount, 1);
        Path identity = f.has("identity_file") ? Path.of(expandHome(f.string("identity_file", null))) : null;
        String launcher = f.string("java", "pipeline");
        String jar = f.has("pipeline_jar") ? f.string("pipeline_jar", null) : null;
        if (isJavaBinary(launcher) && jar == null) {
            throw f.error(f.key("pipeline_jar"), "required when \"java\" names a java binary (" + launcher
                    + "); or set \"java\" to the pipeline launcher");
        }
        double stagger = f.number("stagger_seconds", local ? 3.0 : 2.0, 0.0);
        Map<String, String> env = f.stringMap("env");
        boolean shared = f.bool("shared_filesystem", local);
        f.rejectUnknown();
        return new NodeConfig(host, user, port, gpuCount, gpuType, scriptPath, maxConcurrent, backend, transport,
                identity, launcher, jar, stagger, env, shared);
    }

    private static Transport transport(ObjectFields f, String host) {
        String dflt = LOCAL_NAMES.contains(host) && !f.has("port") ? "local" : "ssh";
        String t = f.string("transport", dflt);
        return switch (t) {
            case "local" -> {
                if (!LOCAL_NAMES.contains(host)) {
                    throw f.error(f.key("transport"), "\"local\" needs hostname localhost or 127.0.0.1, found " + host);
                }
                yield Transport.LOCAL;
            }
            case "ssh" -> Transport.SSH;
            default -> throw f.error(f.key("transport"), "expected \"local\" or \"ssh\", found \"" + t + "\"");
        };
    }

    /** The reference's hard-coded rule, kept only as the default for configs that declare no backend. */
    private static String defaultBackend(String host, JsonNode pythonEnv) {
        boolean rocmEnv = pythonEnv != null && pythonEnv.isTextual()
                && pythonEnv.textValue().toLowerCase(Locale.ROOT).contains("rocm");
        return REFERENCE_ROCM_HOSTS.contains(host) || rocmEnv ? "rocm" : "cuda";
    }

    static boolean isJavaBinary(String launcher) {
        String name = Path.of(launcher).getFileName().toString();
        return name.equals("java") || name.equals("java.exe");
    }

    static String expandHome(String p) {
        return p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
    }
}
