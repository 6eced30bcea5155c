package dev.survivor.models.api;

import dev.survivor.models.catboost.CatboostFamily;
import dev.survivor.models.lightgbm.LightgbmFamily;
import dev.survivor.models.nn.NeuralNetFamily;
import dev.survivor.models.xgboost.XgboostFamily;

/** The one place that maps a model type to its library (native code loads on first use only). */
public final class ModelFamilies {
    private ModelFamilies() {
    }

    public static ModelFamily of(ModelType type) {
        return switch (type) {
            case XGBOOST -> new XgboostFamily();
            case LIGHTGBM -> new LightgbmFamily();
            case CATBOOST -> new CatboostFamily();
            case NEURAL_NET -> new NeuralNetFamily();
        };
    }
}
