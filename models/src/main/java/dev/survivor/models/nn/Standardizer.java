package dev.survivor.models.nn;

/**
 * Input and target scaling of docs/models.md §3.2: population mean/std per column in float32 (std 0 → 1),
 * target mean/std (std &lt; 1e-8 → 1). Kept with the model: the ONNX graph applies the same maths.
 */
record Standardizer(float[] mean, float[] scale, float yMean, float yStd) {

    static Standardizer fit(float[] x, float[] y, int rows, int cols) {
        double[] sum = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sum[j] += x[i * cols + j];
            }
        }
        float[] mean = new float[cols];
        for (int j = 0; j < cols; j++) {
            mean[j] = (float) (sum[j] / rows);
        }
        double[] ss = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = x[i * cols + j] - mean[j];
                ss[j] += d * d;
            }
        }
        float[] scale = new float[cols];
        for (int j = 0; j < cols; j++) {
            float sd = (float) Math.sqrt(ss[j] / rows);
            scale[j] = sd == 0f ? 1f : sd;
        }
        double ys = 0;
        for (float v : y) {
            ys += v;
        }
        float ym = (float) (ys / rows);
        double yss = 0;
        for (float v : y) {
            yss += (v - ym) * (v - ym);
        }
        float ysd = (float) Math.sqrt(yss / rows);
        return new Standardizer(mean, scale, ym, ysd < 1e-8f ? 1f : ysd);
    }

    float[] transformX(float[] x, int rows) {
        int cols = mean.length;
        float[] out = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (x[i * cols + j] - mean[j]) / scale[j];
            }
        }
        return out;
    }

    float[] transformY(float[] y) {
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (y[i] - yMean) / yStd;
        }
        return out;
    }
}
