package dev.survivor.coordinator.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.coordinator.io.Json;
import java.util.ArrayList;
import java.util.List;

/** The JSON object {@code pipeline doctor --json} printed on a node. */
record RemoteReport(JsonNode json) {

    /** The last output line that parses as a JSON object; null when there is none (JVM noise is skipped). */
    static RemoteReport find(String output) {
        String[] lines = output.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith("{")) {
                try {
                    JsonNode j = Json.MAPPER.readTree(l);
                    if (j.isObject() && j.has("backends")) {
                        return new RemoteReport(j);
                    }
                } catch (java.io.IOException e) {
                    // not the report: keep looking
                }
            }
        }
        return null;
    }

    String pipelineVersion() {
        return json.path("pipeline_version").asText("unknown");
    }

    String javaSummary() {
        JsonNode j = json.path("java");
        return "Java " + j.path("version").asText("?") + " (" + j.path("vendor").asText("?") + ") at "
                + j.path("home").asText("?") + ", max heap " + j.path("max_heap_mib").asText("?") + " MiB, "
                + json.path("cpu").path("available_processors").asText("?") + " processors";
    }

    /** The named backend's entry, or a missing node. */
    JsonNode backend(String name) {
        for (JsonNode b : json.path("backends")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    List<String> available() {
        List<String> names = new ArrayList<>();
        json.path("backends").forEach(b -> {
            if (b.path("available").asBoolean()) {
                names.add(b.path("name").asText());
            }
        });
        return names;
    }

    List<String> unavailable(boolean withReasons) {
        List<String> names = new ArrayList<>();
        json.path("backends").forEach(b -> {
            if (!b.path("available").asBoolean()) {
                names.add(b.path("name").asText() + (withReasons ? " (" + b.path("reason").asText() + ")" : ""));
            }
        });
        return names;
    }

    String autoSelects() {
        JsonNode a = json.path("auto_selects");
        return a.isTextual() ? a.asText() : "none";
    }
}
