package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.client.HubLink;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.models.chart.PredictionChart;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.step5.ModelRun;
import dev.survivor.models.step5.Step5Listener;
import dev.survivor.models.step5.Step5Reports;
import dev.survivor.models.step5.Step5Runner;
import dev.survivor.models.step6.Step6Runner;
import java.math.BigInteger;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Step 5 / Step 6 reporting to the hub, in the shapes of the TEAM interface "Step 5 → hub events": every finished
 * trial ({@code step5_trial}), the leaderboard ({@code step5_leaderboard}), the winner's predicted-vs-true points
 * ({@code step5_predictions}) and Step 6's pool ({@code step6_pool}); plus the status/leaderboard variables.
 */
public final class HubModelRuns {
    /** Pool entries shared by Step 6. */
    static final int POOL_SHARED = 100;

    private HubModelRuns() {
    }

    /** Wraps a progress-line logger so each line is also published as the {@code status} variable. */
    public static Consumer<String> forwardStatus(HubLink link, Consumer<String> console) {
        return line -> {
            console.accept(line);
            link.variable("status", line);
        };
    }

    /** One finished trial, field names exactly as the TEAM interface names them. */
    public static boolean shareTrial(HubLink link, Step5Listener.TrialEvent e) {
        if (!link.connected()) {
            return false;
        }
        ObjectNode p = HubLink.object();
        p.put("model_type", e.modelType());
        p.put("trial", e.trial());
        p.set("params", MessageCodec.JSON.valueToTree(e.params()));
        ArrayNode folds = p.putArray("fold_metrics");
        e.foldMetrics().forEach(folds::add);
        putNumber(p, "metric", e.metric());
        p.put("status", e.status());
        p.put("seconds", e.seconds());
        putNumber(p, "best_so_far", e.bestSoFar());
        return link.share(UUID.randomUUID().toString(), "step5_trial", p);
    }

    /** Step 5's result: leaderboard variables and a {@code step5_leaderboard} share. */
    public static boolean shareLeaderboard(HubLink link, Step5Runner.Outcome r, Metrics.Metric metric, int trials) {
        if (!link.connected()) {
            return false;
        }
        ArrayNode board = HubLink.object().arrayNode();
        for (ModelRun m : r.ranked()) {
            ObjectNode o = board.addObject();
            o.put("model_type", m.type().id());
            if (m.ok()) {
                o.put("metric", m.validation().get(metric));
                o.put("r2", m.validation().r2());
            } else {
                o.putNull("metric");
                o.putNull("r2");
            }
            o.put("trials", m.search() == null ? 0 : m.search().trials().size());
            o.put("seconds", m.durationSeconds());
            o.put("status", m.status());
        }
        ModelRun w = r.winner();
        ObjectNode v = HubLink.object();
        v.put("trials", trials);
        v.put("metric", metric.id());
        if (w != null) {
            v.put("current_model", w.type().id());
            v.put("best_score", w.validation().get(metric));
        }
        v.put("status", "finished");
        link.variables(v);
        return link.share(UUID.randomUUID().toString(), "step5_leaderboard", board);
    }

    /** The winner's predicted vs true holdout_quality (≤ 2,000 sampled points) and its marked seeds. */
    public static boolean sharePredictions(HubLink link, Step5Runner.Outcome r) {
        if (!link.connected() || r.predictions() == null) {
            return false;
        }
        Step5Reports.Predictions pr = r.predictions();
        ObjectNode p = HubLink.object();
        p.put("winner", pr.winner());
        ArrayNode pts = p.putArray("points");
        for (float[] xy : pr.sample(Step5Reports.HUB_POINTS)) {
            pts.addArray().add(xy[0]).add(xy[1]);
        }
        ArrayNode marked = p.putArray("marked");
        for (PredictionChart.Mark m : pr.marked()) {
            ObjectNode o = marked.addObject();
            putSeed(o, m.seed());
            o.put("true", m.truth());
            o.put("predicted", m.predicted());
        }
        return link.share(UUID.randomUUID().toString(), "step5_predictions", p);
    }

    /** Step 6's pool: the top survivors with predicted quality and rank, and the predicted draws. */
    public static boolean sharePool(HubLink link, Step6Runner.Outcome r) {
        if (!link.connected()) {
            return false;
        }
        ObjectNode p = HubLink.object();
        ArrayNode ranked = p.putArray("ranked");
        int n = Math.min(r.rankedSeeds().size(), POOL_SHARED);
        for (int i = 0; i < n; i++) {
            ObjectNode o = ranked.addObject();
            putSeed(o, Long.toUnsignedString(r.rankedSeeds().get(i)));
            o.put("predicted_quality", r.rankedScores()[i]);
            o.put("rank", i + 1);
        }
        ArrayNode draws = p.putArray("predicted_draws");
        r.predictions().forEach(draws::add);
        p.putNull("truth");
        link.variable("status", "finished");
        return link.share(UUID.randomUUID().toString(), "step6_pool", p);
    }

    /** An unsigned 64-bit seed as a JSON number; a row without a seed keeps its description. */
    private static void putSeed(ObjectNode o, String seed) {
        try {
            o.put("seed", new BigInteger(seed));
        } catch (NumberFormatException e) {
            o.put("seed", seed);
        }
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
