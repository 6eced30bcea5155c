package dev.survivor.kernels.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The conformance tolerance classes (tolerances.json), looked up by feature name. */
public final class OracleTolerances {
    private final Map<String, double[]> byName = new LinkedHashMap<>();
    private final Map<Pattern, double[]> byRegex = new LinkedHashMap<>();

    public OracleTolerances() {
        try (InputStream in = OracleTolerances.class.getResourceAsStream("/conformance/step3/tolerances.json")) {
            if (in == null) {
                throw new IllegalStateException("tolerances.json missing from the test class path");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            root.get("classes").properties().forEach(e -> {
                double[] tol = {e.getValue().get("rtol").doubleValue(), e.getValue().get("atol").doubleValue()};
                e.getValue().get("features").forEach(f -> byName.put(f.asText(), tol));
                JsonNode re = e.getValue().get("regex");
                if (re != null) {
                    re.forEach(r -> byRegex.put(Pattern.compile(r.asText()), tol));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read tolerances.json", e);
        }
    }

    double[] of(String feature) {
        double[] t = byName.get(feature);
        if (t != null) {
            return t;
        }
        for (Map.Entry<Pattern, double[]> e : byRegex.entrySet()) {
            if (e.getKey().matcher(feature).matches()) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no tolerance class for " + feature);
    }

    public boolean within(String feature, double expected, double actual) {
        double[] t = of(feature);
        return Double.isFinite(actual) && Math.abs(expected - actual) <= t[1] + t[0] * Math.abs(expected);
    }
}
