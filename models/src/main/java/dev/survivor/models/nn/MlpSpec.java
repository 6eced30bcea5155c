package dev.survivor.models.nn;

import dev.survivor.models.api.Params;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The net of docs/models.md §3.2 and its training settings: per hidden size Linear → BatchNorm →
 * LeakyReLU(0.01) → Dropout, then Linear(→1); Adam (weight decay 1e-5), MSE on standardised
 * targets, early stopping on validation with the best weights restored.
 */
record MlpSpec(int[] hiddenLayers, double dropout, double learningRate, int batchSize, int epochs, int patience) {
    static final float LEAKY_SLOPE = 0.01f;
    static final float BN_EPSILON = 1e-5f;
    static final float WEIGHT_DECAY = 1e-5f;

    MlpSpec {
        if (hiddenLayers.length == 0 || Arrays.stream(hiddenLayers).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden_layers must be a non-empty list of positive sizes, got "
                    + Arrays.toString(hiddenLayers));
        }
        if (!(dropout >= 0 && dropout <= 0.9)) {
            throw new IllegalArgumentException("dropout must be in [0, 0.9], got " + dropout);
        }
        if (!(learningRate > 0) || batchSize < 1 || epochs < 1 || patience < 1) {
            throw new IllegalArgumentException("bad neural_net settings: learning_rate " + learningRate + ", batch_size "
                    + batchSize + ", epochs " + epochs + ", early_stopping_patience " + patience);
        }
    }

    static MlpSpec of(Map<String, Object> p) {
        return new MlpSpec(Params.getIntList(p, "hidden_layers"), Params.getDouble(p, "dropout"),
                Params.getDouble(p, "learning_rate"), Params.getInt(p, "batch_size"), Params.getInt(p, "epochs"),
                Params.getInt(p, "early_stopping_patience"));
    }

    static Map<String, Object> toParams(List<Integer> hidden, double dropout, double lr, int batch, int epochs,
            int patience) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden_layers", hidden);
        m.put("dropout", dropout);
        m.put("learning_rate", lr);
        m.put("batch_size", batch);
        m.put("epochs", epochs);
        m.put("early_stopping_patience", patience);
        return m;
    }
}
