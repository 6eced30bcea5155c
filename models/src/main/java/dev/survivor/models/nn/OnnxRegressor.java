package dev.survivor.models.nn;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.survivor.common.AtomicFiles;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Regressor;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The exported net served by ONNX Runtime ({@code threads} intra-op threads, one inter-op thread). */
class OnnxRegressor implements Regressor {
    private final byte[] onnx;
    private final OrtSession session;
    private final int cols;

    OnnxRegressor(byte[] onnx, int expectedCols, int threads) throws OrtException {
        this.onnx = onnx;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(Math.max(1, threads));
            opts.setInterOpNumThreads(1);
            this.session = env.createSession(onnx, opts);
        }
        NodeInfo in = session.getInputInfo().get(OnnxExport.INPUT);
        if (in == null || !(in.getInfo() instanceof TensorInfo ti) || ti.getShape().length != 2) {
            session.close();
            throw new IllegalArgumentException("ONNX model has no 2-d float input named '" + OnnxExport.INPUT + "'");
        }
        long width = ti.getShape()[1];
        if (width != expectedCols) {
            session.close();
            throw new IllegalArgumentException("ONNX model takes " + width + " features, expected " + expectedCols);
        }
        this.cols = expectedCols;
    }

    @Override
    public ModelType type() {
        return ModelType.NEURAL_NET;
    }

    @Override
    public int featureCount() {
        return cols;
    }

    @Override
    public float[] predict(float[] x, int rows) {
        if (rows == 0) {
            return new float[0];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        // a direct buffer: ORT then reads the data in place instead of copying from the Java heap
        FloatBuffer buf = java.nio.ByteBuffer.allocateDirect(rows * cols * 4).order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer();
        buf.put(x, 0, rows * cols).rewind();
        try (OnnxTensor t = OnnxTensor.createTensor(env, buf, new long[] {rows, cols});
                OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, t))) {
            float[][] out = (float[][]) r.get(0).getValue();
            float[] p = new float[rows];
            for (int i = 0; i < rows; i++) {
                p[i] = out[i][0];
            }
            return p;
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime prediction failed: " + e.getMessage(), e);
        }
    }

    byte[] onnxBytes() {
        return onnx;
    }

    @Override
    public Checkpoint save(Path dir) {
        Path target = dir.resolve(ModelType.NEURAL_NET.checkpointFileName());
        AtomicFiles.writeVia(target, tmp -> Files.write(tmp, onnx));
        return new Checkpoint(target, "onnx", List.of());
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // frees native memory only
        }
    }
}
