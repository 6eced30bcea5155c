package dev.survivor.models.synthetic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.survivor.kernels.features.FeatureCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Test data: writes survivors_with_scores.json files shaped like Step 3's output: 91 features from the
 * kernels catalogue, holdout_features, holdout_quality (in generation order, not score order). The target depends on a few
 * features so models have something to learn; seed {@link #PLANTED} gets the highest quality.
 */
public final class SyntheticSurvivors {
    public static final long PLANTED = 4_242_424_242L;
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private SyntheticSurvivors() {
    }

    /** {@code n} survivors; {@code nanEvery > 0} puts a bare NaN in one feature of every nanEvery-th row. */
    public static Path write(Path file, int n, long seed, int nanEvery) {
        return write(file, n, seed, nanEvery, UnaryOperator.identity(), false);
    }

    /**
     * @param rename  maps each feature name as written (to fake a renamed/extra/missing feature)
     * @param constantTarget every holdout_quality the same (degenerate signal)
     */
    public static Path write(Path file, int n, long seed, int nanEvery, UnaryOperator<String> rename,
            boolean constantTarget) {
        List<String> names = FeatureCatalogue.defaults().allNames();
        int lane = names.indexOf("lane_agreement_8");
        int residue = names.indexOf("residue_1000_match_rate");
        int temporal = names.indexOf("temporal_stability_mean");
        int score = names.indexOf("score");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] f = new double[names.size()];
        // streamed row by row, so a benchmark-sized file needs no memory
        try (JsonGenerator g = FACTORY.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f.length; j++) {
                    f[j] = rng.nextDouble();
                }
                long s = i == 0 ? PLANTED : 1000 + rng.nextInt(1_000_000_000);
                if (i == 0) {
                    f[lane] = 1.0;
                    f[residue] = 1.0;
                    f[temporal] = 1.0;
                }
                double q = 0.5 * f[lane] + 0.3 * f[residue] + 0.2 * f[temporal] + 0.01 * rng.nextGaussian();
                double quality = constantTarget ? 0.1 : i == 0 ? 1.2 : q;
                f[score] = f[lane] * 100;
                g.writeStartObject();
                g.writeNumberField("seed", s);
                g.writeNumberField("score", f[score]);
                g.writeObjectFieldStart("features");
                for (int j = 0; j < names.size(); j++) {
                    String name = rename.apply(names.get(j));
                    if (name == null) {
                        continue;
                    }
                    boolean nan = nanEvery > 0 && i % nanEvery == 1 && names.get(j).equals("batt_ac_decay_rate");
                    g.writeNumberField(name, nan ? Double.NaN : f[j]);
                }
                g.writeEndObject();
                g.writeObjectFieldStart("metadata");
                g.writeStringField("prng_type", "java_lcg");
                g.writeNumberField("mod", 1000);
                g.writeStringField("holdout_alignment", "continuation");
                g.writeEndObject();
                g.writeNumberField("holdout_hits", 0.0);
                g.writeObjectFieldStart("holdout_features");
                g.writeNumberField("residue_1000_match_rate", 0.1);
                g.writeEndObject();
                g.writeNumberField("holdout_quality", quality);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
