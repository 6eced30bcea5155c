package dev.survivor.models.step6;

import dev.survivor.common.OutputPaths;
import dev.survivor.common.ExitCodes;
import dev.survivor.kernels.prng.PrngFamily;
import dev.survivor.kernels.io.InputFileException;
import dev.survivor.kernels.prng.PrngRegistry;
import dev.survivor.models.data.Dataset;
import dev.survivor.models.data.LotteryHistory;
import dev.survivor.models.data.SeedList;
import dev.survivor.models.data.SurvivorTable;
import dev.survivor.models.data.SurvivorsReader;
import dev.survivor.models.sidecar.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Step 6 (docs/models.md §7): load the model through its sidecar, check the input's feature schema
 * against it (docs/decisions.md M2), rank survivors by predicted quality (stable descending sort), and
 * write the next-draw prediction and a timestamped copy.
 */
public final class Step6Runner {
    public static final int EXIT_OK = ExitCodes.OK;
    public static final int EXIT_SKIPPED = ExitCodes.PREDICTION_SKIPPED;
    public static final String OUTPUT_FILE = "next_draw_prediction.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    /**
     * The result; {@code rankedSeeds} is the whole working set, best first; {@code pool} the top pool_size
     * survivors with their predicted draw (null without a lottery history); {@code support} each distinct
     * predicted draw with the pool survivors that predict it.
     */
    public record Outcome(int exitCode, String message, Path output, Path historyCopy, List<Long> rankedSeeds,
            float[] rankedScores, List<Long> predictions, List<PoolEntry> pool, List<DrawSupport> support,
            String modelType) {
    }

    /** One survivor of the pool: its rank (1-based), predicted quality and the next draw it predicts. */
    public record PoolEntry(int rank, long seed, double predictedQuality, Long draw) {
    }

    /** A predicted draw and the pool survivors behind it, best first. */
    public record DrawSupport(long draw, List<PoolEntry> survivors) {
        public double qualitySum() {
            return survivors.stream().mapToDouble(PoolEntry::predictedQuality).sum();
        }
    }

    private Step6Runner() {
    }

    public static Outcome run(Step6Options o) {
        try (ModelBundle bundle = ModelBundle.load(o.modelsDir(), o.threads())) {
            Instant now = Instant.now();
            Path out = o.outputDir().resolve(OUTPUT_FILE);
            Path copy = o.outputDir().resolve("history").resolve("predictions_" + STAMP.format(now) + ".json");
            OutputPaths.refuseOverwrite(out, "--output-dir", o.survivorsForward(), o.survivorsReverse(),
                    o.lotteryHistory(), bundle.sidecarFile(), bundle.checkpoint());
            if (!bundle.predictionAllowed()) {
                Map<String, Object> skip = skipped(bundle, now);
                Json.write(out, skip);
                Json.write(copy, skip);
                String status = bundle.sidecar().path("signal_quality").path("signal_status").asText("unknown");
                return new Outcome(EXIT_SKIPPED, "prediction skipped: Step 5 target signal is " + status
                        + " (signal_quality.prediction_allowed = false in " + bundle.sidecarFile() + ")", out, copy,
                        List.of(), new float[0], List.of(), List.of(), List.of(), null);
            }
            o.log().accept("model " + bundle.type().id() + " from " + bundle.checkpoint() + ", schema "
                    + bundle.schema().hash() + " (" + bundle.schema().count() + " features)");
            SurvivorTable forward = SurvivorsReader.read(o.survivorsForward(),
                    SurvivorsReader.Options.prediction(bundle.schema()));
            if (!forward.holdoutAlignment().equals(bundle.holdoutAlignment())) {
                throw new InputFileException(o.survivorsForward(), "holdout alignment \"" + forward.holdoutAlignment()
                        + "\" differs from the model's \"" + bundle.holdoutAlignment() + "\" (data_context of "
                        + bundle.sidecarFile() + "); score the survivors with --holdout-alignment "
                        + bundle.holdoutAlignment() + ", or retrain Step 5 on survivors of this alignment");
            }
            int[] working = workingSet(forward, o);
            String method = o.survivorsReverse() != null && working.length != forward.rows() ? "dual_sieve"
                    : o.survivorsReverse() != null ? "dual_sieve_empty_intersection_forward_only" : "forward_only";
            Dataset x = forward.data().select(working);
            float[] q = bundle.model().predict(x.x(), x.rows());
            Integer[] order = IntStream.range(0, q.length).boxed().toArray(Integer[]::new);
            // stable descending sort: equal scores keep working-set order (the reference's order is unspecified)
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -q[i]));
            List<Long> ranked = new ArrayList<>();
            float[] rankedScores = new float[q.length];
            for (int r = 0; r < order.length; r++) {
                ranked.add(forward.seeds()[working[order[r]]]);
                rankedScores[r] = q[order[r]];
            }
            String prngType = o.prngType() != null ? o.prngType()
                    : bundle.sidecar().path("data_context").path("prng_hypothesis").path("prng_type").asText("java_lcg");
            int mod = o.mod() != null ? o.mod()
                    : bundle.sidecar().path("data_context").path("prng_hypothesis").path("mod").asInt(1000);
            long[] history = o.lotteryHistory() == null ? null : LotteryHistory.read(o.lotteryHistory());
            int poolSize = Math.min(o.poolSize(), ranked.size());
            int k = Math.min(o.k(), poolSize);
            List<PoolEntry> pool = new ArrayList<>();
            PrngFamily family = history == null ? null : PrngRegistry.resolveForScoring(prngType);
            for (int i = 0; i < poolSize; i++) {
                long seed = ranked.get(i);
                // generator output number skip + L, i.e. the draw after the history (docs/models.md §7.4)
                Long draw = family == null ? null
                        : Long.remainderUnsigned(family.generate(seed, 1, o.skip() + history.length)[0], mod);
                pool.add(new PoolEntry(i + 1, seed, rankedScores[i], draw));
            }
            List<Long> topSeeds = ranked.subList(0, k);
            double[] raw = new double[k];
            for (int i = 0; i < k; i++) {
                raw[i] = rankedScores[i];
            }
            List<Long> draws = new ArrayList<>();
            if (history != null) {
                pool.subList(0, k).forEach(e -> draws.add(e.draw()));
            }
            List<DrawSupport> support = support(pool, draws);
            Map<String, Object> result = success(bundle, o, forward, working.length, method, topSeeds, raw, draws,
                    prngType, mod, history, now);
            result.put("draw_support", supportJson(support));
            Json.write(out, result);
            Json.write(copy, result);
            String msg = String.format(Locale.ROOT, "ranked %d survivors with %s; top seed %s", ranked.size(),
                    bundle.type().id(), ranked.isEmpty() ? "-" : Long.toUnsignedString(ranked.get(0)));
            return new Outcome(EXIT_OK, msg, out, copy, ranked, rankedScores, draws, pool, support,
                    bundle.type().id());
        }
    }

    /** Each distinct predicted draw (in prediction order) with every pool survivor that predicts it. */
    static List<DrawSupport> support(List<PoolEntry> pool, List<Long> draws) {
        Map<Long, List<PoolEntry>> by = new LinkedHashMap<>();
        for (Long d : draws) {
            by.computeIfAbsent(d, x -> new ArrayList<>());
        }
        for (PoolEntry e : pool) {
            List<PoolEntry> l = e.draw() == null ? null : by.get(e.draw());
            if (l != null) {
                l.add(e);
            }
        }
        List<DrawSupport> out = new ArrayList<>();
        by.forEach((d, l) -> out.add(new DrawSupport(d, List.copyOf(l))));
        return out;
    }

    private static List<Map<String, Object>> supportJson(List<DrawSupport> support) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DrawSupport s : support) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("draw", s.draw());
            m.put("support_count", s.survivors().size());
            m.put("predicted_quality_sum", s.qualitySum());
            List<Map<String, Object>> seeds = new ArrayList<>();
            for (PoolEntry e : s.survivors()) {
                Map<String, Object> se = new LinkedHashMap<>();
                se.put("seed", new java.math.BigInteger(Long.toUnsignedString(e.seed())));
                se.put("rank", e.rank());
                se.put("predicted_quality", e.predictedQuality());
                seeds.add(se);
            }
            m.put("survivors", seeds);
            out.add(m);
        }
        return out;
    }

    /** Forward rows, or (dual sieve) the forward rows whose seed is also in the reverse file, by seed. */
    private static int[] workingSet(SurvivorTable forward, Step6Options o) {
        int n = forward.rows();
        if (o.survivorsReverse() == null) {
            return IntStream.range(0, n).toArray();
        }
        Set<Long> reverse = SeedList.read(o.survivorsReverse());
        int[] both = IntStream.range(0, n).filter(i -> reverse.contains(forward.seeds()[i]))
                .boxed().sorted(Comparator.comparing((Integer i) -> forward.seeds()[i], Long::compareUnsigned))
                .mapToInt(Integer::intValue).toArray();
        return both.length == 0 ? IntStream.range(0, n).toArray() : both;
    }

    static double[] confidences(double[] raw) {
        int n = raw.length;
        double[] c = new double[n];
        if (n == 0) {
            return c;
        }
        double mean = Arrays.stream(raw).average().orElse(0);
        double sd = 0;
        if (n >= 2) {
            double ss = 0;
            for (double v : raw) {
                ss += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(ss / (n - 1));
        }
        double max = Arrays.stream(raw).max().orElse(0);
        double min = Arrays.stream(raw).min().orElse(0);
        for (int i = 0; i < n; i++) {
            if (sd < 1e-9 || max - min < 1e-12) {
                c[i] = 0.5;
            } else {
                double z = Math.max(-20, Math.min(20, (raw[i] - mean) / (sd + 1e-12)));
                c[i] = 1 / (1 + Math.exp(-z));
            }
        }
        return c;
    }

    private static Map<String, Object> success(ModelBundle b, Step6Options o, SurvivorTable forward, int working,
            String method, List<Long> seeds, double[] raw, List<Long> draws, String prngType, int mod, long[] history,
            Instant now) {
        double[] conf = confidences(raw);
        double max = Arrays.stream(raw).max().orElse(0);
        List<Double> norm = new ArrayList<>();
        for (double v : raw) {
            norm.add(max > 0 ? v / max : 0.0);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "success");
        m.put("predictions", draws);
        m.put("raw_scores", Arrays.stream(raw).boxed().toList());
        m.put("confidence_scores", Arrays.stream(conf).boxed().toList());
        m.put("confidence_scores_normalized", norm);
        m.put("ranked_seeds", seeds.stream().map(Long::toUnsignedString).map(java.math.BigInteger::new).toList());
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("method", method);
        md.put("pool_size", o.poolSize());
        md.put("k", o.k());
        md.put("forward_count", forward.rows());
        md.put("reverse_count", o.survivorsReverse() == null ? 0 : SeedList.read(o.survivorsReverse()).size());
        md.put("intersection_count", working);
        md.put("prng_type", prngType);
        md.put("mod", mod);
        md.put("default_skip", o.skip());
        md.put("history_length", history == null ? null : history.length);
        if (history == null) {
            md.put("note", "no --lottery-history given: predicted draws not computed; ranked_seeds holds the top seeds");
        }
        md.put("model_type", b.type().id());
        md.put("feature_count", b.schema().count());
        md.put("feature_schema_hash", b.schema().hash());
        md.put("schema_check", "input hash equals model hash");
        md.put("timestamp", now.toString());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("raw_min", raw.length == 0 ? null : Arrays.stream(raw).min().getAsDouble());
        stats.put("raw_max", raw.length == 0 ? null : max);
        stats.put("raw_mean", raw.length == 0 ? null : Arrays.stream(raw).average().getAsDouble());
        stats.put("raw_std", raw.length == 0 ? null : populationStd(raw));
        stats.put("raw_unique", Arrays.stream(raw).distinct().count());
        md.put("score_stats", stats);
        md.put("version", "6.1-java");
        m.put("metadata", md);
        double meanConf = Arrays.stream(conf).average().orElse(0.5);
        m.put("agent_metadata", agentMetadata(b, o, now, meanConf, String.format(Locale.ROOT,
                "Generated %d predictions with avg confidence %.4f", seeds.size(), meanConf)));
        return m;
    }

    private static Map<String, Object> skipped(ModelBundle b, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "PREDICTION_SKIPPED");
        m.put("reason", b.sidecar().path("signal_quality").path("signal_status").asText("unknown"));
        m.put("signal_quality", b.sidecar().get("signal_quality"));
        m.put("data_context", b.sidecar().get("data_context"));
        m.put("explanation", "Step 5 found no usable target signal, so no model was trained; fix the Step 3 "
                + "holdout labels and rerun Step 5");
        m.put("recovery_authority", "WATCHER_AGENT");
        m.put("timestamp", now.toString());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("pipeline_step", 6);
        a.put("pipeline_step_name", "prediction");
        a.put("parent_run_id", b.parentRunId());
        a.put("reasoning", "Generated 0 predictions: prediction not allowed by the Step 5 signal gate");
        a.put("timestamp_injected", now.toString());
        m.put("agent_metadata", a);
        return m;
    }

    private static Map<String, Object> agentMetadata(ModelBundle b, Step6Options o, Instant now, double conf,
            String reasoning) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("inputs", List.of(Map.of("file", b.checkpoint().toString(), "required", true),
                Map.of("file", o.survivorsForward().toString(), "required", true)));
        a.put("outputs", List.of(o.outputDir().resolve(OUTPUT_FILE).toString()));
        a.put("parent_run_id", b.parentRunId());
        a.put("pipeline_step", 6);
        a.put("pipeline_step_name", "prediction");
        a.put("follow_up_agent", null);
        a.put("confidence", conf);
        a.put("reasoning", reasoning);
        a.put("timestamp_injected", now.toString());
        return a;
    }

    private static double populationStd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }
}
