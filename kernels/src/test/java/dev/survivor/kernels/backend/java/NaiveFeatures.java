package dev.survivor.kernels.backend.java;

import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.prng.PrngFamily;

/**
 * A deliberately plain transcription of docs/step3-features.md §3–§5 (with docs/decisions.md S1–S8) used to
 * cross-check the optimised kernel on inputs the conformance cases do not cover (other mods,
 * configs, lengths): element-by-element loops, an O(n²) DFT and centred-value autocorrelation.
 */
final class NaiveFeatures {
    private NaiveFeatures() {
    }

    static double[] compute(PrngFamily family, long seed, long skip, int[] h, int mod, ScorerConfig cfg) {
        int n = h.length;
        long[] raw = family.generate(seed, n, skip);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = (int) Long.remainderUnsigned(raw[i], mod);
        }
        double[] o = new double[59];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] == h[i]) {
                c++;
            }
        }
        o[0] = 100.0 * c / n;
        o[1] = Math.max((double) c / n, cfg.minConfidence());
        o[2] = c;
        o[3] = n;
        double[] pd = new double[n];
        double[] hd = new double[n];
        double[] rd = new double[n];
        for (int i = 0; i < n; i++) {
            pd[i] = p[i];
            hd[i] = h[i];
            rd[i] = p[i] - h[i];
        }
        o[5] = mean(pd);
        o[6] = sampleStd(pd);
        o[7] = min(pd);
        o[8] = max(pd);
        o[9] = mean(rd);
        o[10] = sampleStd(rd);
        double[] ad = new double[n];
        for (int i = 0; i < n; i++) {
            ad[i] = Math.abs(rd[i]);
        }
        o[11] = mean(ad);
        o[12] = max(ad);
        o[13] = mean(hd);
        o[14] = sampleStd(hd);
        o[15] = frac(p, h, v -> v % 8);
        o[16] = frac(p, h, v -> v % 125);
        o[17] = (o[15] + o[16]) / 2;
        o[18] = frac(p, h, v -> (v / 100) % 10);
        o[19] = frac(p, h, v -> (v / 10) % 10);
        o[20] = frac(p, h, v -> v % 10);
        o[21] = o[18] + o[19] + o[20];
        temporal(p, h, cfg, o);
        for (int k = 0; k < 3; k++) {
            int m = cfg.residueMod(k);
            o[27 + 3 * k] = frac(p, h, v -> v % m);
            double kl = 0;
            for (int r = 0; r < m; r++) {
                int cp = 0;
                int ca = 0;
                for (int i = 0; i < n; i++) {
                    cp += p[i] % m == r ? 1 : 0;
                    ca += h[i] % m == r ? 1 : 0;
                }
                double pr = Math.max((double) cp / n, 1e-10);
                double ar = Math.max((double) ca / n, 1e-10);
                kl += pr * Math.log(pr / ar);
            }
            o[28 + 3 * k] = kl;
            o[29 + 3 * k] = 1 / (1 + kl);
        }
        if (n >= 8) {
            battery(pd, o);
        }
        return o;
    }

    private static void temporal(int[] p, int[] h, ScorerConfig cfg, double[] o) {
        int n = p.length;
        int w = cfg.windowSize();
        int stride = Math.max(1, Math.floorDiv(n - w, cfg.numWindows()));
        double[] ws = new double[cfg.numWindows()];
        int count = 0;
        for (int k = 0; k < cfg.numWindows(); k++) {
            int s = k * stride;
            int e = Math.min(s + w, n);
            if (e - s < w / 2 || e <= s) {
                break;
            }
            int m = 0;
            for (int i = s; i < e; i++) {
                m += p[i] == h[i] ? 1 : 0;
            }
            ws[count++] = (double) m / (e - s);
        }
        if (count == 0) {
            return;
        }
        double[] v = java.util.Arrays.copyOf(ws, count);
        o[22] = mean(v);
        o[23] = count > 1 ? sampleStd(v) : 0;
        o[24] = min(v);
        o[25] = max(v);
        if (count > 1) {
            double xb = (count - 1) / 2.0;
            double num = 0;
            double den = 0;
            for (int k = 0; k < count; k++) {
                num += (v[k] - o[22]) * (k - xb);
                den += (k - xb) * (k - xb);
            }
            o[26] = num / den;
        }
    }

    private static void battery(double[] x, double[] o) {
        int n = x.length;
        double[] a = dftMagnitudes(x);
        o[36] = max(a);
        o[37] = secondLargest(a);
        double sa = sum(a);
        o[38] = o[36] / (sa == 0 ? 1 : sa);
        double[] d = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            d[i] = x[i + 1] - x[i];
        }
        double[] dm = dftMagnitudes(d);
        o[39] = max(dm);
        double sd = sum(dm);
        o[40] = o[39] / (sd == 0 ? 1 : sd);
        double mu = sum(x) / n;
        double[] c = new double[n];
        double v = 0;
        for (int i = 0; i < n; i++) {
            c[i] = x[i] - mu;
            v += c[i] * c[i];
        }
        double[] lag = new double[10];
        if (v > 1e-12 && n > 10) {
            for (int l = 1; l <= 10; l++) {
                double s = 0;
                for (int t = 0; t + l < n; t++) {
                    s += c[t] * c[t + l];
                }
                lag[l - 1] = s / v;
                o[40 + l] = lag[l - 1];
            }
        }
        double sumAbs = 0;
        for (double l : lag) {
            sumAbs += Math.abs(l);
        }
        if (sumAbs > 1e-12) {
            double mean = sumAbs / 10;
            double num = 0;
            for (int l = 0; l < 10; l++) {
                num += (l - 4.5) * (Math.abs(lag[l]) - mean);
            }
            o[51] = num / 82.5;
        }
        int sig = 0;
        for (double l : lag) {
            sig += Math.abs(l) > 2 / Math.sqrt(n) ? 1 : 0;
        }
        o[52] = sig;
        double cs = 0;
        double mx = 0;
        double sAbs = 0;
        int last = 0;
        int cross = 0;
        for (int i = 0; i < n; i++) {
            cs += x[i] - mu;
            mx = Math.max(mx, Math.abs(cs));
            sAbs += Math.abs(cs);
            int sign = (int) Math.signum(cs);
            if (sign != 0) {
                if (last != 0 && sign != last) {
                    cross++;
                }
                last = sign;
            }
        }
        o[53] = mx;
        o[54] = sAbs / n;
        o[55] = cross;
        double[] hw = new double[n];
        for (int i = 0; i < n; i++) {
            hw[i] = Integer.bitCount((int) x[i]);
        }
        o[56] = mean(hw);
        double m = o[56];
        double ss = 0;
        for (double w : hw) {
            ss += (w - m) * (w - m);
        }
        o[57] = Math.sqrt(ss / n);
        o[58] = o[56] - 16.0;
    }

    /** |DFT(x)[k]| for k = 1..floor(n/2), by the definition (angles reduced exactly). */
    static double[] dftMagnitudes(double[] x) {
        int n = x.length;
        double[] out = new double[n / 2];
        for (int k = 1; k <= n / 2; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                double ang = -2 * Math.PI * (((long) k * t) % n) / n;
                re += x[t] * Math.cos(ang);
                im += x[t] * Math.sin(ang);
            }
            out[k - 1] = Math.hypot(re, im);
        }
        return out;
    }

    private static double frac(int[] p, int[] h, java.util.function.IntUnaryOperator f) {
        int c = 0;
        for (int i = 0; i < p.length; i++) {
            c += f.applyAsInt(p[i]) == f.applyAsInt(h[i]) ? 1 : 0;
        }
        return (double) c / p.length;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double mean(double[] v) {
        return sum(v) / v.length;
    }

    private static double sampleStd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double secondLargest(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length - 2];
    }
}
