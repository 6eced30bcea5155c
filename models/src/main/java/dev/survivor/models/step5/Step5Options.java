package dev.survivor.models.step5;

import dev.survivor.models.api.Device;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Step 5 settings; defaults live in {@link #defaults} only (the CLI shows them).
 *
 * @param modelTypes   the candidates: one for a single-model run, several with compare-models
 * @param lotteryData  optional; only its length is used (data-context fingerprint, docs/models.md §2.5)
 * @param threads      native threads per library
 * @param trialBudget  consulted before each trial (null: always {@code trials})
 */
public record Step5Options(Path survivors, List<ModelType> modelTypes, boolean compareModels, int trials, int kFolds,
        double testHoldout, Path outputDir, Metrics.Metric metric, long seed, Device device, int threads,
        Path lotteryData, int holdoutDraws, String prngType, int mod, String parentRunId, Consumer<String> log,
        TrialBudget trialBudget) {

    public Step5Options {
        modelTypes = List.copyOf(modelTypes);
        if (modelTypes.isEmpty()) {
            throw new IllegalArgumentException("no model types to train");
        }
        if (kFolds < 2) {
            throw new IllegalArgumentException("--k-folds must be >= 2, got " + kFolds);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be >= 1, got " + trials);
        }
        if (trialBudget == null) {
            trialBudget = TrialBudget.fixed(trials);
        }
    }

    public static Step5Options defaults(Path survivors, Path outputDir) {
        return new Step5Options(survivors, List.of(ModelType.CATBOOST), false, 50, 5, 0.2, outputDir,
                Metrics.Metric.MSE, 42, Device.cpu(), 1, null, 1000, "java_lcg", 1000, null, s -> { }, null);
    }

    public Step5Options withModels(List<ModelType> types, boolean compare) {
        return new Step5Options(survivors, types, compare, trials, kFolds, testHoldout, outputDir, metric, seed, device,
                threads, lotteryData, holdoutDraws, prngType, mod, parentRunId, log, trialBudget);
    }

    public Step5Options withBudget(int newTrials, int newFolds) {
        return new Step5Options(survivors, modelTypes, compareModels, newTrials, newFolds, testHoldout, outputDir, metric,
                seed, device, threads, lotteryData, holdoutDraws, prngType, mod, parentRunId, log, trialBudget);
    }

    public Step5Options withLog(Consumer<String> newLog) {
        return new Step5Options(survivors, modelTypes, compareModels, trials, kFolds, testHoldout, outputDir, metric,
                seed, device, threads, lotteryData, holdoutDraws, prngType, mod, parentRunId, newLog, trialBudget);
    }
}
