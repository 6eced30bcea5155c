package dev.survivor.pipeline.runrecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.Sha256;
import dev.survivor.pipeline.Hosts;
import dev.survivor.pipeline.VersionProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** The JSON pieces of a run record: option values, file fingerprints, versions. */
final class RecordJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RecordJson() {
    }

    /**
     * Every option of the command with the value in force (defaults included), keyed by its longest name, plus
     * positional parameters by label. Help/version flags are left out; secrets are never option values here
     * (the hub token is passed as a file path, and only the path is recorded).
     */
    static ObjectNode options(CommandSpec spec) {
        ObjectNode o = F.objectNode();
        for (OptionSpec opt : spec.options()) {
            if (opt.usageHelp() || opt.versionHelp()) {
                continue;
            }
            o.set(opt.longestName(), value(opt));
        }
        for (var p : spec.positionalParameters()) {
            o.set(p.paramLabel(), value(p));
        }
        return o;
    }

    private static JsonNode value(ArgSpec a) {
        return toJson(a.getValue());
    }

    static JsonNode toJson(Object v) {
        return switch (v) {
            case null -> NullNode.getInstance();
            case Boolean b -> F.booleanNode(b);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Double d -> F.numberNode(d);
            case Float f -> F.numberNode(f);
            case Collection<?> c -> {
                ArrayNode a = F.arrayNode();
                c.forEach(x -> a.add(toJson(x)));
                yield a;
            }
            case Map<?, ?> m -> {
                ObjectNode n = F.objectNode();
                m.forEach((k, x) -> n.set(String.valueOf(k), toJson(x)));
                yield n;
            }
            default -> F.textNode(v.toString());
        };
    }

    /** {path, absolute_path, size, sha256} of a file; size and sha256 are null when it is missing. */
    static ObjectNode fileEntry(Path given, Path workingDir) {
        Path abs = workingDir.resolve(given).toAbsolutePath().normalize();
        ObjectNode e = F.objectNode();
        e.put("path", given.toString());
        e.put("absolute_path", abs.toString());
        if (Files.isRegularFile(abs)) {
            try {
                e.put("size", Files.size(abs));
            } catch (IOException ex) {
                e.putNull("size");
            }
        } else {
            e.putNull("size");
        }
        e.put("sha256", Sha256.ofOrNull(abs));
        return e;
    }

    /** The application, runtime, platform and library versions that could change a result. */
    static ObjectNode versions() {
        ObjectNode v = F.objectNode();
        v.put("pipeline", VersionProvider.version());
        v.put("java", System.getProperty("java.version"));
        v.put("java_vendor", System.getProperty("java.vendor"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        v.put("arch", System.getProperty("os.arch"));
        v.put("hostname", Hosts.hostname());
        v.put("picocli", CommandLine.VERSION);
        v.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        return v;
    }
}
