package dev.survivor.models.step5;

import dev.survivor.models.chart.PredictionChart;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.data.Splits;
import dev.survivor.models.data.SurvivorTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** The winner's predictions as people see them: the predicted-vs-true chart and the hub's points (issue #12 §4). */
public final class Step5Reports {
    /** At most this many points are shared with the hub (TEAM interface). */
    public static final int HUB_POINTS = 2_000;
    /** At most this many points are drawn in the PNG. */
    static final int CHART_POINTS = 20_000;
    static final int TOP_MARKED = 3;

    /**
     * The winner's validation predictions and the seeds worth naming.
     *
     * @param points {@code [true, predicted]} for every validation survivor (file order)
     * @param marked the requested seeds found in the file, and the top-ranked survivors by predicted quality
     */
    public record Predictions(String winner, List<float[]> points, List<PredictionChart.Mark> marked) {
        /** Up to {@code n} points, an evenly seeded sample when there are more. */
        public List<float[]> sample(int n) {
            if (points.size() <= n) {
                return points;
            }
            int[] idx = IntStream.range(0, points.size()).toArray();
            SplittableRandom r = new SplittableRandom(42);
            for (int i = 0; i < n; i++) {
                int j = i + r.nextInt(idx.length - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            int[] pick = Arrays.copyOf(idx, n);
            Arrays.sort(pick);
            List<float[]> out = new ArrayList<>(n);
            for (int i : pick) {
                out.add(points.get(i));
            }
            return out;
        }
    }

    private Step5Reports() {
    }

    static Predictions predictions(ModelRun winner, SurvivorTable t, Splits.Holdout holdout, Splits.Split fin,
            List<Long> markSeeds) {
        float[] p = winner.predictions();
        float[] y = t.data().y();
        String[] split = new String[t.rows()];
        Arrays.fill(split, "train");
        for (int i : holdout.test()) {
            split[i] = "test";
        }
        for (int i : fin.validation()) {
            split[i] = "validation";
        }
        List<float[]> points = new ArrayList<>(fin.validation().length);
        int[] val = fin.validation().clone();
        Arrays.sort(val);
        for (int i : val) {
            points.add(new float[] {y[i], p[i]});
        }
        Map<Long, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < t.rows(); i++) {
            if (t.hasSeed()[i]) {
                rowOf.putIfAbsent(t.seeds()[i], i);
            }
        }
        List<PredictionChart.Mark> marks = new ArrayList<>();
        List<Integer> marked = new ArrayList<>();
        for (long s : markSeeds) {
            Integer row = rowOf.get(s);
            if (row != null && !marked.contains(row)) {
                marked.add(row);
                marks.add(mark(t, row, y, p, split, "marked"));
            }
        }
        Integer[] order = IntStream.range(0, t.rows()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        for (int r = 0; r < Math.min(TOP_MARKED, order.length); r++) {
            if (!marked.contains(order[r])) {
                marked.add(order[r]);
                marks.add(mark(t, order[r], y, p, split, "predicted #" + (r + 1)));
            }
        }
        return new Predictions(winner.type().id(), points, marks);
    }

    private static PredictionChart.Mark mark(SurvivorTable t, int row, float[] y, float[] p, String[] split, String why) {
        String seed = t.hasSeed()[row] ? Long.toUnsignedString(t.seeds()[row]) : "element " + row;
        return new PredictionChart.Mark(seed, y[row], p[row], split[row], why);
    }

    static void writeChart(Path png, ModelRun winner, Metrics.Metric metric, Predictions preds) {
        String line = String.format(Locale.ROOT, "validation %s %.4g, r2 %.3f", metric.id(),
                winner.validation().get(metric), winner.validation().r2());
        PredictionChart.write(png, winner.type().id(), line, preds.sample(CHART_POINTS), preds.marked());
    }
}
