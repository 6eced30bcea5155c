package dev.survivor.models.nn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.models.LibraryVersions;
import dev.survivor.models.api.Checkpoint;
import dev.survivor.models.api.Device;
import dev.survivor.models.api.ModelFamily;
import dev.survivor.models.api.ModelFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.api.Params;
import dev.survivor.models.api.Regressor;
import dev.survivor.models.api.TrainContext;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.sidecar.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.survivor.models.search.Suggester;

/**
 * The neural_net candidate: trained with DJL's PyTorch engine (offline, CPU natives from Maven
 * Central), checkpointed in DJL's format ({@code best_model-0000.params} + {@code best_model.nn.json}
 * with architecture and scalers) and exported to {@code best_model.onnx}, which ONNX Runtime serves —
 * during CV scoring as well as at Step 6, so the scores describe exactly what is deployed.
 */
public final class NeuralNetFamily implements ModelFamily {
    public static final String DJL_NAME = "best_model";
    public static final String META_FILE = "best_model.nn.json";
    private volatile String lastDevice = "cpu";

    @Override
    public ModelType type() {
        return ModelType.NEURAL_NET;
    }

    @Override
    public Map<String, Object> defaults() {
        return MlpSpec.toParams(List.of(256, 128, 64), 0.3, 0.001, 256, 100, 15);
    }

    @Override
    public Map<String, Object> sample(Suggester s) {
        int layers = s.suggestInt("n_layers", 2, 4);
        List<Integer> hidden = new ArrayList<>();
        hidden.add(s.suggestInt("layer_0", 64, 256));
        for (int i = 1; i < layers; i++) {
            hidden.add(s.suggestInt("layer_" + i, 32, Math.max(32, hidden.get(i - 1))));
        }
        return MlpSpec.toParams(hidden, s.suggestFloat("dropout", 0.2, 0.6, false),
                s.suggestFloat("learning_rate", 1e-5, 1e-2, true), s.suggestCategorical("batch_size", List.of(256, 512, 1024)),
                s.suggestInt("epochs", 50, 200), s.suggestInt("patience", 10, 30));
    }

    /** Offline mode and thread counts must be set before DJL loads libtorch; user settings win. */
    static synchronized void configureEngine(int threads) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public Regressor train(Dataset train, Dataset validation, Map<String, Object> params, TrainContext ctx) {
        MlpSpec spec = MlpSpec.of(params);
        requireFinite(train, "training");
        requireFinite(validation, "validation");
        configureEngine(ctx.threads());
        ai.djl.Device device = ai.djl.Device.cpu();
        lastDevice = "cpu";
        if (ctx.device().gpu()) {
            int gpus = Engine.getEngine("PyTorch").getGpuCount();
            if (gpus > ctx.device().ordinal()) {
                device = ai.djl.Device.gpu(ctx.device().ordinal());
                lastDevice = "cuda:" + ctx.device().ordinal();
            } else {
                ctx.log().accept("neural_net: no CUDA device visible to DJL PyTorch (this build links the CPU "
                        + "natives, pytorch-native-cpu); training on CPU");
            }
        }
        Standardizer s = Standardizer.fit(train.x(), train.y(), train.rows(), train.cols());
        MlpTrainer.Trained t = MlpTrainer.train(train, validation, s, spec, ctx.seed(), device, ctx.log(),
                ctx.monitor());
        try {
            byte[] onnx = OnnxExport.build(s, t.layers(), "survivor quality MLP " + Arrays.toString(spec.hiddenLayers())
                    + ", best epoch " + t.bestEpoch());
            return new TrainedNet(onnx, train.cols(), t.model(), spec, s, t.bestEpoch(), ctx.threads());
        } catch (OrtException | RuntimeException e) {
            t.model().close();
            throw new IllegalStateException("neural_net: ONNX export failed: " + e.getMessage(), e);
        }
    }

    private static void requireFinite(Dataset d, String what) {
        for (int i = 0; i < d.x().length; i++) {
            if (!Float.isFinite(d.x()[i])) {
                throw new IllegalArgumentException("neural_net needs finite features, but the " + what + " data has "
                        + d.x()[i] + " in row " + i / d.cols() + ", column " + i % d.cols()
                        + " (Step 3 under DECISIONS S4 never writes NaN; the tree models accept it)");
            }
        }
    }

    @Override
    public Regressor load(Path checkpoint, int featureCount, int threads) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(checkpoint);
        } catch (IOException e) {
            throw new ModelFileException(checkpoint, "cannot read the ONNX checkpoint: " + e.getMessage(), e);
        }
        try {
            return new OnnxRegressor(bytes, featureCount, threads);
        } catch (OrtException | IllegalArgumentException e) {
            throw new ModelFileException(checkpoint, "not a usable ONNX model: " + e.getMessage(), e);
        }
    }

    /**
     * Reloads the DJL checkpoint (params + nn.json) written beside the ONNX file, for fine-tuning or
     * checking; predictions go through DJL's PyTorch engine in inference mode.
     */
    public static DjlNet loadDjl(Path dir) {
        Path meta = dir.resolve(META_FILE);
        try {
            JsonNode m = Json.MAPPER.readTree(meta.toFile());
            int d = m.path("feature_count").asInt();
            List<Integer> hidden = new ArrayList<>();
            m.path("hidden_layers").forEach(h -> hidden.add(h.asInt()));
            MlpSpec spec = new MlpSpec(hidden.stream().mapToInt(Integer::intValue).toArray(), m.path("dropout").asDouble(),
                    1e-3, 1, 1, 1);
            Standardizer s = new Standardizer(floats(m.path("scaler_mean")), floats(m.path("scaler_scale")),
                    (float) m.path("y_mean").asDouble(), (float) m.path("y_std").asDouble());
            configureEngine(1);
            Model model = Model.newInstance("survivor-mlp", "PyTorch");
            model.setBlock(MlpTrainer.block(spec));
            model.load(dir, DJL_NAME);
            return new DjlNet(model, s, d);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new ModelFileException(meta, "cannot load the DJL checkpoint: " + e.getMessage(), e);
        }
    }

    private static float[] floats(JsonNode arr) {
        float[] f = new float[arr.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) arr.get(i).asDouble();
        }
        return f;
    }

    @Override
    public String trainerDescription() {
        return "DJL " + LibraryVersions.get("djl") + " PyTorch engine (libtorch " + LibraryVersions.get("pytorch-native")
                + " CPU), served by ONNX Runtime " + LibraryVersions.get("onnxruntime");
    }

    @Override
    public String deviceUsed(Device requested) {
        return lastDevice;
    }

    /** A freshly trained net: predicts through its ONNX export, saves ONNX plus the DJL checkpoint. */
    static final class TrainedNet extends OnnxRegressor {
        private final Model model;
        private final MlpSpec spec;
        private final Standardizer scaler;
        private final int bestEpoch;

        TrainedNet(byte[] onnx, int cols, Model model, MlpSpec spec, Standardizer scaler, int bestEpoch, int threads)
                throws OrtException {
            super(onnx, cols, threads);
            this.model = model;
            this.spec = spec;
            this.scaler = scaler;
            this.bestEpoch = bestEpoch;
        }

        @Override
        public Checkpoint save(Path dir) {
            Checkpoint onnx = super.save(dir);
            Path params = dir.resolve(DJL_NAME + "-0000.params");
            AtomicFiles.writeVia(params, tmp -> {
                Path staging = Files.createTempDirectory(dir, ".djl");
                try {
                    model.save(staging, DJL_NAME);
                    Files.move(staging.resolve(DJL_NAME + "-0000.params"), tmp, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    try (var s = Files.list(staging)) {
                        for (Path p : s.toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                    Files.deleteIfExists(staging);
                }
            });
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", "DJL PyTorch parameters (" + DJL_NAME + "-0000.params)");
            meta.put("feature_count", featureCount());
            meta.put("hidden_layers", Arrays.stream(spec.hiddenLayers()).boxed().toList());
            meta.put("dropout", spec.dropout());
            meta.put("use_leaky_relu", true);
            meta.put("normalize_features", true);
            meta.put("best_epoch", bestEpoch);
            meta.put("scaler_mean", scaler.mean());
            meta.put("scaler_scale", scaler.scale());
            meta.put("y_mean", scaler.yMean());
            meta.put("y_std", scaler.yStd());
            Path metaFile = dir.resolve(META_FILE);
            Json.write(metaFile, meta);
            return new Checkpoint(onnx.path(), "onnx", List.of(params, metaFile));
        }

        @Override
        public void close() {
            super.close();
            model.close();
        }
    }

    /** DJL inference over a reloaded checkpoint (a check view: it is saved by Step 5, not re-saved). */
    public static final class DjlNet implements AutoCloseable {
        private final Model model;
        private final Standardizer scaler;
        private final int cols;

        DjlNet(Model model, Standardizer scaler, int cols) {
            this.model = model;
            this.scaler = scaler;
            this.cols = cols;
        }

        public int featureCount() {
            return cols;
        }

        public float[] predict(float[] x, int rows) {
            try (NDManager m = model.getNDManager().newSubManager()) {
                var in = m.create(scaler.transformX(Arrays.copyOf(x, rows * cols), rows), new Shape(rows, cols));
                float[] p = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false)
                        .singletonOrThrow().toFloatArray();
                for (int i = 0; i < p.length; i++) {
                    p[i] = p[i] * scaler.yStd() + scaler.yMean();
                }
                return p;
            }
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
