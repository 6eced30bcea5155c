package dev.survivor.models.data;

import java.util.Locale;

/** Regression metrics on the original target scale (docs/models.md §3): mse, mae, r2 (0 when SS_tot = 0). */
public record Metrics(double mse, double mae, double r2) {

    public static Metrics of(float[] truth, float[] pred) {
        if (truth.length != pred.length) {
            throw new IllegalArgumentException(truth.length + " targets but " + pred.length + " predictions");
        }
        int n = truth.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot score an empty split");
        }
        double mean = 0;
        for (float v : truth) {
            mean += v;
        }
        mean /= n;
        double se = 0;
        double ae = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) pred[i] - truth[i];
            se += d * d;
            ae += Math.abs(d);
            double t = truth[i] - mean;
            tot += t * t;
        }
        double r2 = tot == 0 ? 0.0 : 1 - se / tot;
        return new Metrics(se / n, ae / n, r2);
    }

    /** The value of a named metric. */
    public double get(Metric m) {
        return switch (m) {
            case MSE -> mse;
            case MAE -> mae;
            case R2 -> r2;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mse=%.6g mae=%.6g r2=%.4f", mse, mae, r2);
    }

    /** A ranking metric and its direction (docs/decisions.md M3: mse by default, lower is better). */
    public enum Metric {
        MSE, MAE, R2;

        public boolean higherIsBetter() {
            return this == R2;
        }

        /** Negative when {@code a} is better than {@code b}. */
        public int compare(double a, double b) {
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : -1;
            }
            return higherIsBetter() ? Double.compare(b, a) : Double.compare(a, b);
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Metric parse(String s) {
            for (Metric m : values()) {
                if (m.id().equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown metric '" + s + "'; valid: mse, mae, r2");
        }
    }
}
