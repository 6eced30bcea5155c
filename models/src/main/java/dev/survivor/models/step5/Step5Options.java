package dev.survivor.models.step5;

import dev.survivor.models.api.Device;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.Metrics;
import dev.survivor.models.search.SearchMethod;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Step 5 settings; defaults live in {@link #builder} only (the CLI shows them).
 *
 * @param anchors           optional anchors.json: training-only rows (docs/training.md §2)
 * @param modelTypes        the candidates: one for a single-model run, several with compare-models
 * @param lotteryData       optional; only its length is used (data-context fingerprint, docs/models.md §2.5)
 * @param threads           native threads per library
 * @param trialBudget       consulted before each trial (null: always {@code trials})
 * @param timeBudgetSeconds wall-clock budget of the whole run, 0 for none (docs/training.md §6)
 * @param markSeeds         seeds to mark in the predicted-vs-true chart (e.g. a planted seed)
 */
public record Step5Options(Path survivors, Path anchors, List<ModelType> modelTypes, boolean compareModels, int trials,
        int kFolds, double testHoldout, Path outputDir, Metrics.Metric metric, long seed, Device device, int threads,
        Path lotteryData, int holdoutDraws, String prngType, int mod, String parentRunId, Step5Listener listener,
        TrialBudget trialBudget, double timeBudgetSeconds, List<Long> markSeeds, SearchMethod search) {

    public Step5Options {
        modelTypes = List.copyOf(modelTypes);
        markSeeds = List.copyOf(markSeeds);
        if (modelTypes.isEmpty()) {
            throw new IllegalArgumentException("no model types to train");
        }
        if (kFolds < 2) {
            throw new IllegalArgumentException("--k-folds must be >= 2, got " + kFolds);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be >= 1, got " + trials);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (!(timeBudgetSeconds >= 0) || Double.isInfinite(timeBudgetSeconds)) {
            throw new IllegalArgumentException("--time-budget must be a positive number of seconds, got "
                    + timeBudgetSeconds);
        }
        if (trialBudget == null) {
            trialBudget = TrialBudget.fixed(trials);
        }
        if (listener == null) {
            listener = Step5Listener.NONE;
        }
        if (search == null) {
            search = SearchMethod.DEFAULT;
        }
    }

    /** Progress lines go to the listener. */
    public Consumer<String> log() {
        return listener::log;
    }

    public static Builder builder(Path survivors, Path outputDir) {
        return new Builder(survivors, outputDir);
    }

    public static Step5Options defaults(Path survivors, Path outputDir) {
        return builder(survivors, outputDir).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(survivors, outputDir);
        b.anchors = anchors;
        b.modelTypes = modelTypes;
        b.compareModels = compareModels;
        b.trials = trials;
        b.kFolds = kFolds;
        b.testHoldout = testHoldout;
        b.metric = metric;
        b.seed = seed;
        b.device = device;
        b.threads = threads;
        b.lotteryData = lotteryData;
        b.holdoutDraws = holdoutDraws;
        b.prngType = prngType;
        b.mod = mod;
        b.parentRunId = parentRunId;
        b.listener = listener;
        b.trialBudget = trialBudget;
        b.timeBudgetSeconds = timeBudgetSeconds;
        b.markSeeds = markSeeds;
        b.search = search;
        return b;
    }

    public Step5Options withModels(List<ModelType> types, boolean compare) {
        return toBuilder().models(types, compare).build();
    }

    /** New trial and fold counts; a fixed trial budget follows the new count. */
    public Step5Options withBudget(int newTrials, int newFolds) {
        return toBuilder().trials(newTrials).trialBudget(null).kFolds(newFolds).build();
    }

    public Step5Options withLog(Consumer<String> newLog) {
        return toBuilder().listener(Step5Listener.logging(newLog)).build();
    }

    /** Fluent construction with the documented defaults. */
    public static final class Builder {
        private final Path survivors;
        private final Path outputDir;
        private Path anchors;
        private List<ModelType> modelTypes = List.of(ModelType.CATBOOST);
        private boolean compareModels;
        private int trials = 50;
        private int kFolds = 5;
        private double testHoldout = 0.2;
        private Metrics.Metric metric = Metrics.Metric.MSE;
        private long seed = 42;
        private Device device = Device.cpu();
        private int threads = 1;
        private Path lotteryData;
        private int holdoutDraws = 1000;
        private String prngType = "java_lcg";
        private int mod = 1000;
        private String parentRunId;
        private Step5Listener listener;
        private TrialBudget trialBudget;
        private double timeBudgetSeconds;
        private List<Long> markSeeds = List.of();
        private SearchMethod search;

        private Builder(Path survivors, Path outputDir) {
            this.survivors = survivors;
            this.outputDir = outputDir;
        }

        public Builder anchors(Path v) {
            anchors = v;
            return this;
        }

        public Builder models(List<ModelType> types, boolean compare) {
            modelTypes = types;
            compareModels = compare;
            return this;
        }

        public Builder trials(int v) {
            trials = v;
            return this;
        }

        public Builder kFolds(int v) {
            kFolds = v;
            return this;
        }

        public Builder testHoldout(double v) {
            testHoldout = v;
            return this;
        }

        public Builder metric(Metrics.Metric v) {
            metric = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder device(Device v) {
            device = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder lotteryData(Path v) {
            lotteryData = v;
            return this;
        }

        public Builder holdoutDraws(int v) {
            holdoutDraws = v;
            return this;
        }

        public Builder prng(String type, int m) {
            prngType = type;
            mod = m;
            return this;
        }

        public Builder parentRunId(String v) {
            parentRunId = v;
            return this;
        }

        public Builder listener(Step5Listener v) {
            listener = v;
            return this;
        }

        public Builder log(Consumer<String> v) {
            listener = Step5Listener.logging(v);
            return this;
        }

        public Builder trialBudget(TrialBudget v) {
            trialBudget = v;
            return this;
        }

        public Builder timeBudgetSeconds(double v) {
            timeBudgetSeconds = v;
            return this;
        }

        public Builder markSeeds(List<Long> v) {
            markSeeds = v;
            return this;
        }

        public Builder search(SearchMethod v) {
            search = v;
            return this;
        }

        public Step5Options build() {
            return new Step5Options(survivors, anchors, modelTypes, compareModels, trials, kFolds, testHoldout,
                    outputDir, metric, seed, device, threads, lotteryData, holdoutDraws, prngType, mod, parentRunId,
                    listener, trialBudget, timeBudgetSeconds, markSeeds, search);
        }
    }
}
