package dev.survivor.pipeline.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.step5.ModelRun;
import dev.survivor.models.step5.Step5Runner;

/** The one-line JSON summaries that {@code step5 --json} prints on stdout. */
final class Step5Summary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Step5Summary() {
    }

    static String success(Step5Runner.Outcome r, Metrics.Metric metric) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "ok");
        o.put("winner", r.winner().type().id());
        o.put("metric", metric.id());
        o.put("value", r.winner().validation().get(metric));
        o.put("r2", r.winner().validation().r2());
        o.put("sidecar", r.sidecar().toString());
        o.put("run_folder", r.runDir().toString());
        ArrayNode board = o.putArray("leaderboard");
        for (ModelRun m : r.ranked()) {
            ObjectNode e = board.addObject().put("model_type", m.type().id()).put("status", m.status());
            if (m.ok()) {
                e.put(metric.id(), m.validation().get(metric)).put("r2", m.validation().r2());
            }
            e.put("seconds", m.durationSeconds());
        }
        return o.toString();
    }

    static String degenerate(Step5Runner.Outcome r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "degenerate");
        o.put("message", r.message());
        o.put("sidecar", r.sidecar().toString());
        return o.toString();
    }
}
