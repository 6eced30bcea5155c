package dev.survivor.models.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.survivor.models.api.FitMonitor;
import dev.survivor.models.data.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Trains {@link MlpSpec} with DJL's PyTorch engine; the caller owns (and closes) the returned model. */
final class MlpTrainer {
    /** Above this many bytes of X+y the reference switches from full-batch to mini-batches. */
    static final long FULL_BATCH_LIMIT = 200L * 1024 * 1024;

    record Trained(Model model, List<DenseLayer> layers, int bestEpoch, int epochsRun) {
    }

    private MlpTrainer() {
    }

    static SequentialBlock block(MlpSpec spec) {
        SequentialBlock b = new SequentialBlock();
        for (int h : spec.hiddenLayers()) {
            b.add(Linear.builder().setUnits(h).build());
            b.add(BatchNorm.builder().optEpsilon(MlpSpec.BN_EPSILON).build());
            b.add(Activation.leakyReluBlock(MlpSpec.LEAKY_SLOPE));
            b.add(Dropout.builder().optRate((float) spec.dropout()).build());
        }
        b.add(Linear.builder().setUnits(1).build());
        return b;
    }

    static Trained train(Dataset train, Dataset val, Standardizer s, MlpSpec spec, long seed, Device device,
            Consumer<String> log, FitMonitor monitor) {
        int n = train.rows();
        int d = train.cols();
        float[] xs = s.transformX(train.x(), n);
        float[] ys = s.transformY(train.y());
        float[] xv = s.transformX(val.x(), val.rows());
        float[] yv = s.transformY(val.y());
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        SequentialBlock block = block(spec);
        Model model = Model.newInstance("survivor-mlp", device, "PyTorch");
        boolean ok = false;
        try {
            model.setBlock(block);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) spec.learningRate()))
                            .optWeightDecays(MlpSpec.WEIGHT_DECAY).build())
                    .optDevices(new Device[] {device});
            int bestEpoch = 0;
            int epochsRun = 0;
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(new Shape(2, d));
                NDManager mgr = trainer.getManager();
                long bytes = 4L * (xs.length + ys.length);
                int batch = bytes < FULL_BATCH_LIMIT ? n : Math.min(spec.batchSize(), n);
                SplittableRandom rng = new SplittableRandom(seed);
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                double best = Double.POSITIVE_INFINITY;
                byte[] bestWeights = snapshot(block);
                int sinceBest = 0;
                for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                    if (batch < n) {
                        shuffle(order, rng);
                    }
                    for (int start = 0; start < n; start += batch) {
                        int end = Math.min(n, start + batch);
                        if (end - start < 2) {
                            continue; // BatchNorm cannot train on a batch of one row
                        }
                        try (NDManager sub = mgr.newSubManager()) {
                            NDArray xb = sub.create(rows(xs, order, start, end, d, batch == n), new Shape(end - start, d));
                            NDArray yb = sub.create(rows(ys, order, start, end, 1, batch == n), new Shape(end - start, 1));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(new NDList(xb));
                                NDArray loss = trainer.getLoss().evaluate(new NDList(yb), pred);
                                gc.backward(loss);
                            }
                            trainer.step();
                        }
                    }
                    epochsRun = epoch + 1;
                    double vl = validationMse(block, mgr, xv, yv, val.rows(), d);
                    monitor.round(epoch + 1, spec.epochs(), val.rows() == 0 ? Double.NaN
                            : vl * s.yStd() * (double) s.yStd());
                    if (vl < best) {
                        best = vl;
                        bestEpoch = epoch + 1;
                        bestWeights = snapshot(block);
                        sinceBest = 0;
                    } else if (++sinceBest >= spec.patience()) {
                        break;
                    }
                }
                // restored weights must outlive the trainer (its manager closes with it): attach them to the model
                restore(block, model.getNDManager(), bestWeights);
            }
            log.accept(String.format(java.util.Locale.ROOT, "neural_net: %d epochs, best epoch %d", epochsRun, bestEpoch));
            Trained t = new Trained(model, layers(block), bestEpoch, epochsRun);
            ok = true;
            return t;
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    private static float[] rows(float[] src, int[] order, int start, int end, int width, boolean all) {
        if (all) {
            return src;
        }
        float[] out = new float[(end - start) * width];
        for (int i = start; i < end; i++) {
            System.arraycopy(src, order[i] * width, out, (i - start) * width, width);
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** MSE on the standardised target, in inference mode (running BatchNorm statistics, no dropout). */
    private static double validationMse(Block block, NDManager mgr, float[] xv, float[] yv, int rows, int d) {
        if (rows == 0) {
            return 0;
        }
        try (NDManager sub = mgr.newSubManager()) {
            NDArray x = sub.create(xv, new Shape(rows, d));
            float[] p = block.forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            double s = 0;
            for (int i = 0; i < rows; i++) {
                double e = p[i] - yv[i];
                s += e * e;
            }
            return s / rows;
        }
    }

    private static byte[] snapshot(Block block) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bos));
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot snapshot the net's weights", e);
        }
    }

    private static void restore(Block block, NDManager mgr, byte[] weights) {
        try {
            block.loadParameters(mgr, new DataInputStream(new ByteArrayInputStream(weights)));
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best weights", e);
        }
    }

    /** Copies weights out of the block, layer by layer, for the ONNX export. */
    static List<DenseLayer> layers(SequentialBlock block) {
        List<DenseLayer> out = new ArrayList<>();
        List<Block> children = new ArrayList<>();
        for (Pair<String, Block> c : block.getChildren()) {
            children.add(c.getValue());
        }
        for (int i = 0; i < children.size(); i++) {
            if (!(children.get(i) instanceof Linear lin)) {
                continue;
            }
            NDArray w = lin.getParameters().get("weight").getArray();
            NDArray b = lin.getParameters().get("bias").getArray();
            long[] shape = w.getShape().getShape();
            int outUnits = (int) shape[0];
            int in = (int) shape[1];
            if (i + 1 < children.size() && children.get(i + 1) instanceof BatchNorm bn) {
                var ps = bn.getParameters();
                out.add(new DenseLayer(in, outUnits, w.toFloatArray(), b.toFloatArray(),
                        ps.get("gamma").getArray().toFloatArray(), ps.get("beta").getArray().toFloatArray(),
                        ps.get("runningMean").getArray().toFloatArray(), ps.get("runningVar").getArray().toFloatArray()));
            } else {
                out.add(new DenseLayer(in, outUnits, w.toFloatArray(), b.toFloatArray(), null, null, null, null));
            }
        }
        return out;
    }
}
