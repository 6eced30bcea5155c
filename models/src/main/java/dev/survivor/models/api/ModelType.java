package dev.survivor.models.api;

import java.util.Arrays;
import java.util.Locale;

/** The four Step 5 model types, with the checkpoint each writes (docs/models.md §6). */
public enum ModelType {
    NEURAL_NET("neural_net", "onnx"),
    XGBOOST("xgboost", "json"),
    LIGHTGBM("lightgbm", "txt"),
    CATBOOST("catboost", "cbm");

    private final String id;
    private final String format;

    ModelType(String id, String format) {
        this.id = id;
        this.format = format;
    }

    /** The CLI and sidecar name. */
    public String id() {
        return id;
    }

    /** {@code checkpoint_format} in the sidecar; also the checkpoint's extension. */
    public String checkpointFormat() {
        return format;
    }

    public String checkpointFileName() {
        return "best_model." + format;
    }

    /** The reference's compare-models order (docs/models.md §5), which also breaks ties. */
    public static ModelType[] compareOrder() {
        return new ModelType[] {NEURAL_NET, LIGHTGBM, XGBOOST, CATBOOST};
    }

    public static ModelType parse(String s) {
        for (ModelType t : values()) {
            if (t.id.equals(s == null ? null : s.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown model type '" + s + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(ModelType::id).toList()));
    }
}
