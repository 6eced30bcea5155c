package dev.survivor.coordinator.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, checked access to the keys of one JSON object. Every error names the file and the full key
 * path ({@code nodes[2].gpu_count}); {@link #rejectUnknown} reports keys nobody asked for.
 */
final class ObjectFields {
    private final String file;
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new HashSet<>();

    ObjectFields(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw error(path, "expected an object, found " + describe(node));
        }
    }

    /** Keys that are accepted for compatibility and then ignored. */
    void ignore(String... keys) {
        known.addAll(List.of(keys));
    }

    boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    String string(String key, String dflt) {
        if (!has(key)) {
            return require(key, dflt);
        }
        JsonNode v = node.get(key);
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw error(key(key), "expected a non-empty string, found " + describe(v));
        }
        return v.textValue();
    }

    int integer(String key, Integer dflt, int min) {
        if (!has(key)) {
            return require(key, dflt);
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(key(key), "expected an integer, found " + describe(v));
        }
        if (v.intValue() < min) {
            throw error(key(key), "expected an integer >= " + min + ", found " + v.intValue());
        }
        return v.intValue();
    }

    double number(String key, double dflt, double min) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw error(key(key), "expected a number, found " + describe(v));
        }
        if (v.doubleValue() < min) {
            throw error(key(key), "expected a number >= " + min + ", found " + v.doubleValue());
        }
        return v.doubleValue();
    }

    Boolean bool(String key, Boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw error(key(key), "expected true or false, found " + describe(v));
        }
        return v.booleanValue();
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!has(key)) {
            return out;
        }
        JsonNode v = node.get(key);
        if (!v.isObject()) {
            throw error(key(key), "expected an object of strings, found " + describe(v));
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(key(key) + "." + e.getKey(), "not a valid environment variable name");
            }
            if (!e.getValue().isTextual() && !e.getValue().isNumber()) {
                throw error(key(key) + "." + e.getKey(), "expected a string, found " + describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    List<JsonNode> array(String key) {
        if (!has(key)) {
            throw error(key(key), "required key is missing");
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw error(key(key), "expected an array, found " + describe(v));
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    JsonNode raw(String key) {
        known.add(key);
        return node.get(key);
    }

    /** Keys starting with "_" are comments; anything else not asked for is an error. */
    void rejectUnknown() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k) && !k.startsWith("_")) {
                List<String> sorted = new ArrayList<>(known);
                sorted.sort(null);
                throw error(key(k), "unknown key (valid keys here: " + String.join(", ", sorted) + ")");
            }
        }
    }

    String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    ClusterConfigException error(String where, String what) {
        return new ClusterConfigException(file + ": " + (where.isEmpty() ? "top level" : where) + ": " + what);
    }

    private <T> T require(String key, T dflt) {
        if (dflt == null) {
            throw error(key(key), "required key is missing");
        }
        return dflt;
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        String kind = v.isTextual() ? "a string" : v.isBoolean() ? "a boolean" : v.isIntegralNumber() ? "an integer"
                : v.isNumber() ? "a number" : v.isArray() ? "an array" : "an object";
        String text = v.toString();
        return kind + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
