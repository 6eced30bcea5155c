package dev.survivor.hub.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** PNG of a harness run: connected clients and hub messages/s over time (headless XChart). */
public final class HarnessChart {
    private HarnessChart() { }

    public static void write(JsonNode report, Path png) throws IOException {
        List<Double> t = new ArrayList<>();
        List<Double> connected = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        double prevT = 0;
        double prevMsgs = 0;
        for (JsonNode s : report.path("hub_stats_over_time")) {
            double ts = s.path("t_s").asDouble();
            double msgs = s.path("messages_in").asDouble() + s.path("messages_out").asDouble();
            if (ts > prevT) {
                t.add(ts);
                connected.add(s.path("connected").asDouble());
                rate.add((msgs - prevMsgs) / (ts - prevT));
            }
            prevT = ts;
            prevMsgs = msgs;
        }
        if (t.isEmpty()) {
            t.add(0.0);
            connected.add(0.0);
            rate.add(0.0);
        }
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("Hub harness: " + report.path("scenario").asText() + " (p99 share round trip "
                        + report.path("latency_ms").path("p99").asText("n/a") + " ms)")
                .xAxisTitle("time (s)").build();
        XYSeries c = chart.addSeries("connected clients", t, connected);
        c.setYAxisGroup(0);
        XYSeries r = chart.addSeries("messages/s (in+out)", t, rate);
        r.setYAxisGroup(1);
        chart.setYAxisGroupTitle(0, "clients");
        chart.setYAxisGroupTitle(1, "messages/s");
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
