package dev.survivor.models.chart;

import dev.survivor.common.AtomicFiles;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The winner's predicted vs true holdout_quality (issue #12 §4): one dot per validation survivor, the diagonal
 * where a perfect model would put them, and the marked seeds (a planted seed, the top-ranked ones) labelled.
 */
public final class PredictionChart {
    /** A seed to label: where it is, and which split it was in (train, validation, test). */
    public record Mark(String seed, double truth, double predicted, String split, String why) {
    }

    private PredictionChart() {
    }

    /** @param points pairs {@code [true, predicted]} (already sampled to a drawable number) */
    public static void write(Path png, String winner, String metricLine, List<float[]> points, List<Mark> marks) {
        XYChart c = new XYChartBuilder().width(900).height(700)
                .title("Step 5 winner " + winner + ": predicted vs true holdout_quality (" + metricLine + ")")
                .xAxisTitle("true holdout_quality").yAxisTitle("predicted holdout_quality").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(4);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] xs = new double[Math.max(1, points.size())];
        double[] ys = new double[xs.length];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        for (int i = 0; i < points.size(); i++) {
            lo = Math.min(lo, Math.min(xs[i], ys[i]));
            hi = Math.max(hi, Math.max(xs[i], ys[i]));
        }
        for (Mark m : marks) {
            lo = Math.min(lo, Math.min(m.truth(), m.predicted()));
            hi = Math.max(hi, Math.max(m.truth(), m.predicted()));
        }
        if (!(hi > lo)) {
            lo = 0;
            hi = 1;
        }
        XYSeries val = c.addSeries("validation survivors (" + points.size() + ")", xs, ys);
        val.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(70, 110, 200, 90));
        XYSeries diag = c.addSeries("perfect prediction", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                .setLineColor(Color.GRAY);
        Color[] colours = {new Color(220, 40, 40), new Color(240, 150, 0), new Color(40, 160, 60),
                new Color(150, 60, 200), new Color(0, 150, 170)};
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            String label = String.format(Locale.ROOT, "%s seed %s (%s)", m.why(), m.seed(), m.split());
            XYSeries s = c.addSeries(label, new double[] {m.truth()}, new double[] {m.predicted()});
            s.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(colours[i % colours.length]);
            c.addAnnotation(new AnnotationText(m.why() + " " + m.seed(), m.truth(), m.predicted(), false));
        }
        c.getStyler().setMarkerSize(6);
        AtomicFiles.writeVia(png, tmp -> {
            try (var out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
