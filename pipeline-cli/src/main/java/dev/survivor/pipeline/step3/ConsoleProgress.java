package dev.survivor.pipeline.step3;

import dev.survivor.kernels.step3.Step3Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress lines on stderr once a job has run longer than {@link #QUIET_NANOS}: done/total,
 * rate and ETA, at most one line per {@link #INTERVAL_NANOS}. Short jobs print nothing.
 */
final class ConsoleProgress implements Step3Progress {
    static final long QUIET_NANOS = 2_000_000_000L;
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private long start;
    private long lastPrint;

    ConsoleProgress(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void started(long total) {
        start = System.nanoTime();
        lastPrint = start + QUIET_NANOS - INTERVAL_NANOS;
    }

    @Override
    public void advanced(long done, long total) {
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS || done >= total) {
            return;
        }
        lastPrint = now;
        double secs = (now - start) / 1e9;
        double rate = done / secs;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        err.println(String.format(Locale.ROOT, "%s: %,d/%,d seeds (%.1f%%), %,.0f seeds/s, ETA %s",
                label, done, total, 100.0 * done / total, rate, duration(eta)));
        err.flush();
    }

    static String duration(double secs) {
        if (!Double.isFinite(secs)) {
            return "?";
        }
        long s = Math.round(secs);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
