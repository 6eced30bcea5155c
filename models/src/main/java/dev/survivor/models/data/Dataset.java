package dev.survivor.models.data;

/**
 * A dense float32 design matrix (row-major) with its target, as docs/models.md §2.2 builds it.
 * NaN features stay NaN; no imputation or scaling happens here.
 */
public record Dataset(float[] x, float[] y, int rows, int cols) {
    public Dataset {
        if (rows < 0 || cols < 1 || x.length != (long) rows * cols || y.length != rows) {
            throw new IllegalArgumentException("inconsistent dataset shape: " + rows + " x " + cols
                    + " with " + x.length + " values and " + y.length + " targets");
        }
    }

    /** The rows at {@code idx}, in that order. */
    public Dataset select(int[] idx) {
        float[] nx = new float[idx.length * cols];
        float[] ny = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * cols, nx, i * cols, cols);
            ny[i] = y[idx[i]];
        }
        return new Dataset(nx, ny, idx.length, cols);
    }

    public float get(int row, int col) {
        return x[row * cols + col];
    }
}
