package dev.survivor.pipeline.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.models.step6.Step6Runner;
import java.math.BigInteger;

/** The one-line JSON summary that {@code step6 --json} prints on stdout. */
final class Step6Summary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Step6Summary() {
    }

    static String of(Step6Runner.Outcome r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", r.exitCode() == Step6Runner.EXIT_SKIPPED ? "skipped" : "ok");
        o.put("message", r.message());
        o.put("model_type", r.modelType());
        o.put("survivors", r.rankedSeeds().size());
        if (!r.rankedSeeds().isEmpty()) {
            o.put("top_seed", new BigInteger(Long.toUnsignedString(r.rankedSeeds().get(0))));
            o.put("top_predicted_quality", r.rankedScores()[0]);
        }
        ArrayNode p = o.putArray("predictions");
        r.predictions().forEach(p::add);
        ArrayNode s = o.putArray("draw_support");
        for (Step6Runner.DrawSupport d : r.support()) {
            s.addObject().put("draw", d.draw()).put("survivors", d.survivors().size())
                    .put("predicted_quality_sum", d.qualitySum());
        }
        o.put("output", String.valueOf(r.output()));
        return o.toString();
    }
}
