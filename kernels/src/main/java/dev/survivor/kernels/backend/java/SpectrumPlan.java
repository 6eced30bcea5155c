package dev.survivor.kernels.backend.java;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Magnitudes of the real-input DFT of one length, bins 1..floor(n/2) (the spectral battery of
 * docs/step3-features.md §3.1). Lengths whose only prime factors are 2, 3 and 5 go straight to
 * JTransforms' {@code realForward}; any other length (n−1 is often prime: 499, 4999, 19999 = 7·2857)
 * goes through Bluestein's chirp-z on a power-of-2 JTransforms transform. Only |X[k]| is needed and
 * the output chirp has modulus 1, so the half-output variant suffices: convolution size ≥ n + n/2.
 *
 * <p>The plan is immutable and shared; each thread uses its own {@link Worker}.
 */
final class SpectrumPlan {
    static {
        // JTransforms otherwise splits large transforms over its own threads; we parallelise over seeds.
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final int n;
    private final int bins; // outputs k = 0..bins-1, bins = floor(n/2) + 1
    private final boolean direct;
    private final int conv;
    /** Input chirp e^{-πi t²/n}, interleaved re/im, t = 0..n-1. */
    private final double[] chirp;
    /** FFT of the convolution kernel e^{+πi j²/n} (wrapped), pre-scaled by 1/conv. */
    private final double[] kernelFft;

    SpectrumPlan(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("spectrum length must be >= 2, got " + n);
        }
        this.n = n;
        this.bins = n / 2 + 1;
        this.direct = isFiveSmooth(n);
        if (direct) {
            conv = 0;
            chirp = null;
            kernelFft = null;
            return;
        }
        int c = Integer.highestOneBit(n + bins - 1);
        conv = c < n + bins - 1 ? c << 1 : c;
        chirp = new double[2 * n];
        long twoN = 2L * n;
        for (int t = 0; t < n; t++) {
            double angle = Math.PI * (((long) t * t) % twoN) / n;
            chirp[2 * t] = Math.cos(angle);
            chirp[2 * t + 1] = -Math.sin(angle);
        }
        double[] k = new double[2 * conv];
        double scale = 1.0 / conv;
        for (int j = 0; j < bins; j++) {
            k[2 * j] = chirp[2 * j] * scale;
            k[2 * j + 1] = -chirp[2 * j + 1] * scale;
        }
        for (int j = 1; j < n; j++) {
            int at = conv - j;
            k[2 * at] = chirp[2 * j] * scale;
            k[2 * at + 1] = -chirp[2 * j + 1] * scale;
        }
        new DoubleFFT_1D(conv).complexForward(k);
        kernelFft = k;
    }

    static boolean isFiveSmooth(int n) {
        int m = n;
        for (int p : new int[] {2, 3, 5}) {
            while (m % p == 0) {
                m /= p;
            }
        }
        return m == 1;
    }

    int length() {
        return n;
    }

    boolean isDirect() {
        return direct;
    }

    int convolutionSize() {
        return conv;
    }

    Worker newWorker() {
        return new Worker();
    }

    /** Per-thread transform state and buffers. Not thread-safe. */
    final class Worker {
        private final DoubleFFT_1D fft;
        private final double[] work;

        private Worker() {
            fft = new DoubleFFT_1D(direct ? n : conv);
            work = new double[direct ? n : 2 * conv];
        }

        /**
         * Computes over |X[k]|, k = 1..floor(n/2), of the DFT of {@code x[0..n)}: {@code out[at]} =
         * largest, {@code out[at+1]} = second largest (equal to the largest on ties), {@code
         * out[at+2]} = their sum.
         */
        void analyse(double[] x, double[] out, int at) {
            if (direct) {
                System.arraycopy(x, 0, work, 0, n);
                fft.realForward(work);
                packedPeaks(out, at);
            } else {
                bluestein(x);
                double first = 0;
                double second = 0;
                double sum = 0;
                for (int k = 1; k < bins; k++) {
                    double re = work[2 * k];
                    double im = work[2 * k + 1];
                    double m = Math.sqrt(re * re + im * im);
                    sum += m;
                    if (m > first) {
                        second = first;
                        first = m;
                    } else if (m > second) {
                        second = m;
                    }
                }
                out[at] = first;
                out[at + 1] = second;
                out[at + 2] = sum;
            }
        }

        /** Reads JTransforms' packed realForward layout (see its Javadoc) for bins 1..floor(n/2). */
        private void packedPeaks(double[] out, int at) {
            double first = 0;
            double second = 0;
            double sum = 0;
            int full = (n % 2 == 0) ? n / 2 : (n - 1) / 2; // bins 1..full-1 are stored as (re, im) pairs
            for (int k = 1; k < full; k++) {
                double re = work[2 * k];
                double im = work[2 * k + 1];
                double m = Math.sqrt(re * re + im * im);
                sum += m;
                if (m > first) {
                    second = first;
                    first = m;
                } else if (m > second) {
                    second = m;
                }
            }
            double last;
            if (n % 2 == 0) {
                last = Math.abs(work[1]); // Nyquist bin n/2, real
            } else {
                double re = work[n - 1];
                double im = work[1];
                last = Math.sqrt(re * re + im * im);
            }
            sum += last;
            if (last > first) {
                second = first;
                first = last;
            } else if (last > second) {
                second = last;
            }
            out[at] = first;
            out[at + 1] = second;
            out[at + 2] = sum;
        }

        /** Leaves X[k]·e^{+πi k²/n} (same modulus as X[k]) in work[2k], work[2k+1] for k < bins. */
        private void bluestein(double[] x) {
            double[] w = work;
            double[] ch = chirp;
            for (int t = 0; t < n; t++) {
                double v = x[t];
                w[2 * t] = v * ch[2 * t];
                w[2 * t + 1] = v * ch[2 * t + 1];
            }
            java.util.Arrays.fill(w, 2 * n, 2 * conv, 0.0);
            fft.complexForward(w);
            double[] kf = kernelFft;
            for (int i = 0; i < 2 * conv; i += 2) {
                double ar = w[i];
                double ai = w[i + 1];
                double br = kf[i];
                double bi = kf[i + 1];
                w[i] = ar * br - ai * bi;
                w[i + 1] = ar * bi + ai * br;
            }
            fft.complexInverse(w, false);
        }
    }
}
