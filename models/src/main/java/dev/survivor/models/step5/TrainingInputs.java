package dev.survivor.models.step5;

import dev.survivor.common.Sha256;
import dev.survivor.kernels.io.InputFileException;
import dev.survivor.models.api.ModelType;
import dev.survivor.models.data.RowGroups;
import dev.survivor.models.data.SurvivorTable;
import dev.survivor.models.data.SurvivorsReader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Step 5's rows, read once: the survivors (the only rows that are ever validated or tested), the anchors
 * (training-only rows, docs/training.md §2) and the duplicate groups of the survivors (docs/training.md §4).
 * Every check that needs the data but no model happens here, before any training.
 *
 * @param anchors null without --anchors
 */
record TrainingInputs(SurvivorTable survivors, SurvivorTable anchors, RowGroups groups) {
    /** The only alignment anchors are made in (TEAM interface "Anchor rows"). */
    static final String ANCHOR_ALIGNMENT = "continuation";

    static TrainingInputs read(Step5Options o) {
        o.log().accept("reading " + o.survivors());
        SurvivorTable t = SurvivorsReader.read(o.survivors(), SurvivorsReader.Options.training());
        SurvivorTable a = null;
        if (o.anchors() != null) {
            o.log().accept("reading anchors " + o.anchors());
            a = SurvivorsReader.read(o.anchors(), SurvivorsReader.Options.anchors(t.schema()));
            if (!ANCHOR_ALIGNMENT.equals(a.holdoutAlignment())) {
                throw new InputFileException(o.anchors(), "anchors must be in \"" + ANCHOR_ALIGNMENT
                        + "\" holdout alignment, found \"" + a.holdoutAlignment() + "\"");
            }
            if (!a.holdoutAlignment().equals(t.holdoutAlignment())) {
                throw new InputFileException(o.survivors(), "holdout alignment \"" + t.holdoutAlignment()
                        + "\" differs from the anchors' \"" + a.holdoutAlignment() + "\" (" + o.anchors()
                        + "): their targets measure different stretches of the stream; score the survivors with "
                        + "--holdout-alignment " + a.holdoutAlignment());
            }
        }
        RowGroups g = RowGroups.of(t);
        if (g.duplicateRows() > 0) {
            o.log().accept(String.format(Locale.ROOT, "warning: %s has %d duplicate row(s) (%d survivor(s) appear more "
                    + "than once, same seed or identical features); duplicates are kept and always land in the same "
                    + "fold", o.survivors(), g.duplicateRows(), g.duplicatedGroups()));
        }
        return new TrainingInputs(t, a, g);
    }

    /**
     * The neural net cannot train on NaN (trees can): a NaN in its input is bad input for a neural_net run, and
     * takes the net out of a comparison. Returns the reason, or null when the net can train.
     */
    String neuralNetRefusal() {
        for (SurvivorTable s : anchors == null ? new SurvivorTable[] {survivors} : new SurvivorTable[] {survivors, anchors}) {
            String at = s.firstNanDescription();
            if (at != null) {
                return s.source() + ": " + ModelType.NEURAL_NET.id() + " cannot train on NaN features: " + at
                        + " is NaN (Step 3 under DECISIONS S4 never writes NaN; the tree models accept it)";
            }
        }
        return null;
    }

    /** The sidecar's {@code anchors} block (file, sha256, count, noise range), or null without anchors. */
    Map<String, Object> anchorsInfo() {
        if (anchors == null) {
            return null;
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float f : anchors.anchorNoise()) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", anchors.source().toAbsolutePath().toString());
        m.put("sha256", Sha256.of(anchors.source()));
        m.put("count", anchors.rows());
        m.put("noise_min", (double) lo);
        m.put("noise_max", (double) hi);
        m.put("used_in", "training folds and the final fit only; never validation, test or Step 6");
        return m;
    }
}
