package dev.survivor.models.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The target gate of docs/models.md §2.4, computed from y. */
public record SignalQuality(String status, double confidence, boolean predictionAllowed, int uniqueValues,
        double variance, double mean, double std, int nonzeroCount, double nonzeroRatio, int sampleSize) {

    public static SignalQuality of(float[] y) {
        int n = y.length;
        if (n == 0) {
            throw new IllegalArgumentException("no target values");
        }
        Set<Float> unique = new HashSet<>();
        double sum = 0;
        int nonzero = 0;
        for (float v : y) {
            unique.add(v);
            sum += v;
            if (v != 0f) {
                nonzero++;
            }
        }
        // statistics in float32 like numpy on a float32 vector; accumulation in double is closer to
        // numpy's pairwise sum than a naive float loop
        float mean = (float) (sum / n);
        double ss = 0;
        for (float v : y) {
            double d = v - mean;
            ss += d * d;
        }
        float var = (float) (ss / n);
        float std = (float) Math.sqrt(var);
        double ratio = (double) nonzero / n;
        String status;
        double confidence;
        boolean allowed;
        if (unique.size() == 1 || var < 1e-10) {
            status = "degenerate";
            confidence = 0.0;
            allowed = false;
        } else if (ratio < 0.01) {
            status = "weak";
            confidence = 0.2;
            allowed = true;
        } else if (var < 0.001) {
            status = "weak";
            confidence = 0.4;
            allowed = true;
        } else {
            status = "healthy";
            confidence = Math.min(1.0, 10 * (double) var + ratio);
            allowed = true;
        }
        return new SignalQuality(status, round(confidence, 4), allowed, unique.size(), round(var, 10),
                round(mean, 6), round(std, 6), nonzero, round(ratio, 4), n);
    }

    /** Python round(): half-even on the exact binary value. */
    static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The sidecar object, keys as the reference writes them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_name", "holdout_quality");
        m.put("signal_status", status);
        m.put("signal_confidence", confidence);
        m.put("prediction_allowed", predictionAllowed);
        m.put("unique_target_values", uniqueValues);
        m.put("target_variance", variance);
        m.put("target_mean", mean);
        m.put("target_std", std);
        m.put("nonzero_count", nonzeroCount);
        m.put("nonzero_ratio", nonzeroRatio);
        m.put("sample_size", sampleSize);
        return m;
    }
}
