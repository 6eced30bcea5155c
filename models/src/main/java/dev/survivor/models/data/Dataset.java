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
        return select(idx, null);
    }

    /**
     * The rows at {@code idx}, in that order, followed by every row of {@code extra} (training-only rows such
     * as anchors, docs/training.md §2); {@code extra} may be null.
     */
    public Dataset select(int[] idx, Dataset extra) {
        int more = extra == null ? 0 : extra.rows;
        if (extra != null && extra.cols != cols) {
            throw new IllegalArgumentException("cannot append rows of " + extra.cols + " features to " + cols);
        }
        int n = idx.length + more;
        float[] nx = new float[Math.multiplyExact(n, cols)];
        float[] ny = new float[n];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * cols, nx, i * cols, cols);
            ny[i] = y[idx[i]];
        }
        if (more > 0) {
            System.arraycopy(extra.x, 0, nx, idx.length * cols, more * cols);
            System.arraycopy(extra.y, 0, ny, idx.length, more);
        }
        return new Dataset(nx, ny, n, cols);
    }

    public float get(int row, int col) {
        return x[row * cols + col];
    }
}
