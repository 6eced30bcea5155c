package dev.survivor.coordinator.run;

import dev.survivor.common.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The picture of a run, a Gantt chart: one row per GPU slot (node:GPU), one bar per attempt from its start to its
 * end, green when it produced a valid output and red when it failed, so idle GPUs, stragglers and retries show at a
 * glance. Drawn with Java2D (chart libraries here have no horizontal time bars) and written atomically.
 */
public final class TimelineChart {
    public static final String FILE = "timeline.png";
    static final Color OK = new Color(0x2E7D32);
    static final Color FAILED = new Color(0xC62828);
    private static final int WIDTH = 1000;
    private static final int ROW = 22;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;

    private TimelineChart() {
    }

    /** Writes the chart; returns false (and writes nothing) when the run had no attempts. */
    public static boolean write(Path png, RunReport report) throws IOException {
        List<String> rows = report.plan().slots().stream().map(Slot::toString).toList();
        List<Attempt> attempts = report.jobs().stream().flatMap(j -> j.attempts().stream()).toList();
        if (attempts.isEmpty() || rows.isEmpty()) {
            return false;
        }
        long t0 = attempts.stream().map(Attempt::started).min(Instant::compareTo).orElseThrow().toEpochMilli();
        double span = attempts.stream().mapToDouble(a -> (a.started().toEpochMilli() - t0) / 1000.0 + a.seconds())
                .max().orElse(1.0);
        double step = niceStep(Math.max(span, 0.001) / 8);
        double xMax = Math.ceil(span / step) * step;

        BufferedImage img = new BufferedImage(WIDTH, TOP + BOTTOM + ROW * rows.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int left = 16 + rows.stream().mapToInt(fm::stringWidth).max().orElse(60);
        int right = WIDTH - 20;
        int bottom = TOP + ROW * rows.size();

        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(String.format(Locale.ROOT, "Run %s: %d jobs, %d attempts, %.1f s (green ok, red failed)",
                report.plan().runId(), report.jobs().size(), attempts.size(), report.runtimeSeconds()), left, 28);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
        for (int i = 0; i < rows.size(); i++) { // row labels and zebra stripes
            int y = TOP + i * ROW;
            if (i % 2 == 1) {
                g.setColor(new Color(0xF3F3F3));
                g.fillRect(left, y, right - left, ROW);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(rows.get(i), left - 8 - fm.stringWidth(rows.get(i)), y + ROW / 2 + fm.getAscent() / 2 - 1);
        }
        for (double t = 0; t <= xMax + step / 2; t += step) { // time grid
            int x = left + (int) Math.round((right - left) * t / xMax);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x, TOP, x, bottom);
            g.setColor(Color.DARK_GRAY);
            String label = step >= 1 ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.2f", t);
            g.drawString(label, x - fm.stringWidth(label) / 2, bottom + 16);
        }
        String axis = "seconds since the first start";
        g.drawString(axis, (left + right - fm.stringWidth(axis)) / 2, bottom + 36);
        for (Attempt a : attempts) {
            int row = rows.indexOf(Slot.label(a.node(), a.gpu()));
            if (row < 0) {
                continue; // not a slot of the plan: cannot be placed; the manifest still lists it
            }
            double start = (a.started().toEpochMilli() - t0) / 1000.0;
            int x0 = left + (int) Math.round((right - left) * start / xMax);
            int x1 = Math.max(x0 + 2, left + (int) Math.round((right - left) * (start + a.seconds()) / xMax));
            g.setColor(a.ok() ? OK : FAILED);
            g.fillRect(x0, TOP + row * ROW + 4, x1 - x0, ROW - 8);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(x1, TOP + row * ROW + 4, x1, TOP + row * ROW + ROW - 5); // separates back-to-back attempts
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, TOP, right - left, bottom - TOP);
        g.dispose();

        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
        return true;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
