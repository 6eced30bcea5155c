package dev.survivor.pipeline.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.client.HubLink;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.step5.ModelRun;
import dev.survivor.models.step5.Step5Runner;
import dev.survivor.models.step6.Step6Runner;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Step 5 / Step 6 reporting to the hub. The models code offers no cheap safe point between trials (the search
 * runs inside the runner), so these commands publish variables only: the last progress line while running, then
 * current_model, best_score, trials and a leaderboard share at the end.
 */
public final class HubModelRuns {
    static final int TOP_SEEDS = 20;

    private HubModelRuns() {
    }

    /** Wraps a progress-line logger so each line is also published as the {@code status} variable. */
    public static Consumer<String> forwardStatus(HubLink link, Consumer<String> console) {
        return line -> {
            console.accept(line);
            link.variable("status", line);
        };
    }

    /** Step 5's result: leaderboard variables and a {@code step5_leaderboard} share. */
    public static boolean shareLeaderboard(HubLink link, Step5Runner.Outcome r, Metrics.Metric metric, int trials) {
        if (!link.connected()) {
            return false;
        }
        ObjectNode p = HubLink.object();
        p.put("metric", metric.id());
        p.put("trials", trials);
        ArrayNode board = p.putArray("leaderboard");
        for (ModelRun m : r.ranked()) {
            ObjectNode o = board.addObject();
            o.put("model", m.type().id());
            o.put("ok", m.ok());
            if (m.ok()) {
                o.put("score", m.validation().get(metric));
                o.put("r2", m.validation().r2());
            } else {
                o.put("error", m.error());
            }
            o.put("seconds", m.durationSeconds());
        }
        ModelRun w = r.winner();
        ObjectNode v = HubLink.object();
        v.put("trials", trials);
        v.put("metric", metric.id());
        if (w != null) {
            p.put("best_model", w.type().id());
            p.put("best_score", w.validation().get(metric));
            v.put("current_model", w.type().id());
            v.put("best_score", w.validation().get(metric));
        }
        v.put("status", "finished");
        link.variables(v);
        return link.share(UUID.randomUUID().toString(), "step5_leaderboard", p);
    }

    /** Step 6's result: a {@code step6_prediction} share with the predicted draws and the top seeds. */
    public static boolean sharePrediction(HubLink link, Step6Runner.Outcome r) {
        if (!link.connected()) {
            return false;
        }
        ObjectNode p = HubLink.object();
        p.put("message", r.message());
        p.put("output", String.valueOf(r.output()));
        r.predictions().forEach(p.putArray("predictions")::add);
        ArrayNode top = p.putArray("top_seeds");
        int n = Math.min(r.rankedSeeds().size(), TOP_SEEDS);
        for (int i = 0; i < n; i++) {
            ObjectNode o = top.addObject();
            o.put("seed", r.rankedSeeds().get(i));
            if (r.rankedScores() != null && i < r.rankedScores().length) {
                o.put("score", r.rankedScores()[i]);
            }
        }
        link.variable("status", "finished");
        return link.share(UUID.randomUUID().toString(), "step6_prediction", p);
    }
}
