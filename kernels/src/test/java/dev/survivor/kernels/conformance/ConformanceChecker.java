package dev.survivor.kernels.conformance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.features.FeatureCatalogue;
import dev.survivor.kernels.features.ScorerConfig;
import dev.survivor.kernels.io.ScoredSeed;
import dev.survivor.kernels.io.Survivor;
import dev.survivor.kernels.io.SurvivorMapping;
import dev.survivor.kernels.prng.PrngRegistry;
import dev.survivor.kernels.step3.Step3Job;
import dev.survivor.kernels.step3.Step3Scorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a backend against the Step 3 conformance cases in test resources
 * ({@code conformance/step3/}, copied from the shared spec): parses a case, scores its survivors
 * with {@link Step3Scorer} on the named backend, and compares every value with
 * {@code tolerances.json}. Reusable by every backend's test (pass the backend name).
 */
public final class ConformanceChecker {
    public static final String ROOT = "/conformance/step3/";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Tolerances tolerances;

    public ConformanceChecker() {
        this.tolerances = new Tolerances(read("tolerances.json"));
    }

    /** File names of the cases listed in index.json. */
    public static List<String> caseFiles() {
        List<String> files = new ArrayList<>();
        for (JsonNode c : read("index.json").get("cases")) {
            files.add(c.get("file").asText());
        }
        return files;
    }

    static JsonNode read(String name) {
        try (InputStream in = ConformanceChecker.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + ROOT + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parsed case: the job and survivors to score, and the expected records. */
    public record Case(String id, Step3Job job, List<Survivor> survivors, JsonNode expected) {
    }

    public static Case load(String file) {
        JsonNode root = read(file);
        JsonNode in = root.get("inputs");
        String prng = in.get("prng_type").asText();
        int mod = in.get("mod").asInt();
        List<Survivor> survivors = new ArrayList<>();
        for (JsonNode s : in.get("survivors")) {
            long seed = unsignedSeed(s.get("seed"));
            survivors.add(SurvivorMapping.fromRecord(seed, s));
        }
        int[] train = ints(in.get("history"));
        JsonNode h = in.get("holdout_history");
        int[] holdout = h == null || h.isNull() ? null : ints(h);
        ScorerConfig config = scorerConfig(in.get("scorer_config"));
        Step3Job job = new Step3Job(prng, PrngRegistry.resolveForScoring(prng), mod, train, holdout, config);
        return new Case(root.get("case_id").asText(), job, survivors, root.get("expected"));
    }

    static long unsignedSeed(JsonNode n) {
        BigInteger b = n.bigIntegerValue();
        if (b.signum() < 0 || b.bitLength() > 64) {
            throw new IllegalArgumentException("seed outside 0..2^64-1: " + n);
        }
        return b.longValue();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    /** The reference's key names: residue_mods wins over residue_mod_1..3; other keys ignored. */
    static ScorerConfig scorerConfig(JsonNode c) {
        if (c == null || c.isNull()) {
            return ScorerConfig.DEFAULT;
        }
        ScorerConfig d = ScorerConfig.DEFAULT;
        int[] mods = d.residueMods();
        if (c.has("residue_mods")) {
            for (int i = 0; i < 3; i++) {
                mods[i] = c.get("residue_mods").get(i).asInt();
            }
        } else {
            for (int i = 0; i < 3; i++) {
                JsonNode m = c.get("residue_mod_" + (i + 1));
                if (m != null) {
                    mods[i] = m.asInt();
                }
            }
        }
        int w = c.has("temporal_window_size") ? c.get("temporal_window_size").asInt() : d.windowSize();
        int k = c.has("temporal_num_windows") ? c.get("temporal_num_windows").asInt() : d.numWindows();
        double minConf = c.has("min_confidence_threshold") ? c.get("min_confidence_threshold").asDouble()
                : d.minConfidence();
        return new ScorerConfig(mods, w, k, minConf);
    }

    /** Scores the case on the backend and returns every mismatch (empty = pass). */
    public List<String> check(String backendName, int threads, String file) {
        Case c = load(file);
        List<ScoredSeed> results = new ArrayList<>();
        try (ScoringBackend backend = Backends.create(backendName, new BackendOptions(threads, 0));
             Step3Scorer scorer = new Step3Scorer(backend, c.job())) {
            scorer.score(c.survivors(), results::add);
        }
        return compare(c, results);
    }

    public List<String> compare(Case c, List<ScoredSeed> results) {
        List<String> bad = new ArrayList<>();
        JsonNode expected = c.expected();
        if (results.size() != expected.size()) {
            bad.add(c.id() + ": " + results.size() + " results, expected " + expected.size());
            return bad;
        }
        FeatureCatalogue cat = FeatureCatalogue.of(c.job().config());
        for (int i = 0; i < results.size(); i++) {
            ScoredSeed r = results.get(i);
            JsonNode e = expected.get(i);
            String where = c.id() + " #" + i + " seed " + Long.toUnsignedString(r.seed());
            if (unsignedSeed(e.get("seed")) != r.seed()) {
                bad.add(where + ": seed differs from expected " + e.get("seed"));
                continue;
            }
            compareTop(where, "score", e.get("score").doubleValue(), r.score(), bad);
            compareTop(where, "holdout_hits", e.get("holdout_hits").doubleValue(), r.holdoutHits(), bad);
            compareTop(where, "holdout_quality", e.get("holdout_quality").doubleValue(), r.holdoutQuality(), bad);
            JsonNode skip = e.get("holdout_skip");
            long expectedSkip = skip == null || skip.isNull() ? -1 : skip.longValue();
            if (expectedSkip != r.holdoutSkip()) {
                bad.add(where + ": holdout_skip " + r.holdoutSkip() + " != expected " + expectedSkip);
            }
            compareDict(where + " features", e.get("features"), cat.allNames(), r.features(), bad);
            JsonNode eh = e.get("holdout_features");
            if (r.holdoutFeatures() == null) {
                if (eh.size() != 0) {
                    bad.add(where + ": holdout_features missing, expected " + eh.size() + " keys");
                }
            } else {
                compareDict(where + " holdout_features", eh, cat.perSeedNames(), r.holdoutFeatures(), bad);
            }
        }
        return bad;
    }

    private void compareTop(String where, String key, double expected, double actual, List<String> bad) {
        double[] tol = tolerances.topLevel(key);
        if (!within(expected, actual, tol)) {
            bad.add(where + ": " + key + " = " + actual + ", expected " + expected);
        }
    }

    private void compareDict(String where, JsonNode expected, List<String> names, double[] values, List<String> bad) {
        Set<String> expectedKeys = new TreeSet<>();
        expected.fieldNames().forEachRemaining(expectedKeys::add);
        Set<String> actualKeys = new TreeSet<>(names);
        if (!expectedKeys.equals(actualKeys)) {
            Set<String> missing = new TreeSet<>(expectedKeys);
            missing.removeAll(actualKeys);
            Set<String> extra = new TreeSet<>(actualKeys);
            extra.removeAll(expectedKeys);
            bad.add(where + ": key sets differ; missing " + missing + ", extra " + extra);
        }
        if (values.length != names.size()) {
            bad.add(where + ": " + values.length + " values for " + names.size() + " names");
            return;
        }
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            JsonNode ev = expected.get(name);
            if (ev == null) {
                continue;
            }
            double[] tol = tolerances.forFeature(name);
            if (tol == null) {
                bad.add(where + ": no tolerance class for " + name);
            } else if (!within(ev.doubleValue(), values[k], tol)) {
                bad.add(where + ": " + name + " = " + values[k] + ", expected " + ev.doubleValue()
                        + " (rtol " + tol[0] + ", atol " + tol[1] + ")");
            }
        }
    }

    static boolean within(double expected, double actual, double[] tol) {
        if (!Double.isFinite(actual) || !Double.isFinite(expected)) {
            return false;
        }
        return Math.abs(expected - actual) <= tol[1] + tol[0] * Math.abs(expected);
    }

    /** tolerances.json: classes by feature name, then by regex; top-level keys separately. */
    static final class Tolerances {
        private final Map<String, double[]> byName = new LinkedHashMap<>();
        private final Map<Pattern, double[]> byRegex = new LinkedHashMap<>();
        private final Map<String, double[]> top = new LinkedHashMap<>();

        Tolerances(JsonNode root) {
            Set<String> seen = new HashSet<>();
            root.get("classes").properties().forEach(entry -> {
                JsonNode cls = entry.getValue();
                double[] tol = {cls.get("rtol").doubleValue(), cls.get("atol").doubleValue()};
                for (JsonNode f : cls.get("features")) {
                    if (!seen.add(f.asText())) {
                        throw new IllegalStateException("feature " + f.asText() + " in two tolerance classes");
                    }
                    byName.put(f.asText(), tol);
                }
                JsonNode regex = cls.get("regex");
                if (regex != null) {
                    for (JsonNode r : regex) {
                        byRegex.put(Pattern.compile(r.asText()), tol);
                    }
                }
            });
            root.get("top_level").properties().forEach(entry -> top.put(entry.getKey(),
                    new double[] {entry.getValue().get("rtol").doubleValue(), entry.getValue().get("atol").doubleValue()}));
        }

        double[] forFeature(String name) {
            double[] t = byName.get(name);
            if (t != null) {
                return t;
            }
            for (Map.Entry<Pattern, double[]> e : byRegex.entrySet()) {
                if (e.getKey().matcher(name).matches()) {
                    return e.getValue();
                }
            }
            return null;
        }

        double[] topLevel(String key) {
            double[] t = top.get(key);
            if (t == null) {
                throw new IllegalStateException("tolerances.json has no top-level rule for " + key);
            }
            return t;
        }
    }
}
