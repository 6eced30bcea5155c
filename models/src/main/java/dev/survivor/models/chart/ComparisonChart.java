package dev.survivor.models.chart;

import dev.survivor.common.AtomicFiles;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.search.TrialResult;
import dev.survivor.models.step5.ModelRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;

/**
 * The Step 5 picture: left, the leaderboard (final validation metric per model, best first);
 * right, the per-fold CV scores of each model's chosen trial. Rendered headless with XChart.
 */
public final class ComparisonChart {
    private ComparisonChart() {
    }

    public static void write(Path png, List<ModelRun> ranked, Metrics.Metric metric) {
        List<ModelRun> ok = ranked.stream().filter(ModelRun::ok).toList();
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("no trained model to chart");
        }
        String metricName = metric.id().toUpperCase(Locale.ROOT);
        CategoryChart board = new CategoryChartBuilder().width(640).height(480)
                .title("Leaderboard: validation " + metricName + (metric.higherIsBetter() ? " (higher is better)"
                        : " (lower is better)"))
                .xAxisTitle("model (rank order)").yAxisTitle(metricName).build();
        board.getStyler().setLegendVisible(false);
        board.getStyler().setLabelsVisible(true);
        board.getStyler().setDecimalPattern("0.###E0");
        board.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) {
            names.add((i + 1) + ". " + ok.get(i).type().id());
            values.add(ok.get(i).validation().get(metric));
        }
        board.addSeries("validation " + metric.id(), names, values);

        CategoryChart folds = new CategoryChartBuilder().width(640).height(480)
                .title("Cross-validation " + metricName + " per fold (chosen trial)")
                .xAxisTitle("fold").yAxisTitle(metricName).build();
        folds.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        folds.getStyler().setDecimalPattern("0.###E0");
        folds.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (ModelRun r : ok) {
            TrialResult best = r.search().best();
            List<String> fx = new ArrayList<>();
            List<Double> fy = new ArrayList<>();
            for (TrialResult.Fold f : best.folds()) {
                fx.add(Integer.toString(f.fold() + 1));
                fy.add(f.metrics().get(metric));
            }
            folds.addSeries(r.type().id() + " (trial " + best.number() + ")", fx, fy);
        }
        List<IChart> charts = List.of(board, folds);
        AtomicFiles.writeVia(png, tmp -> {
            try (var out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(charts, 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
