package dev.survivor.models.search;

import java.util.List;

/**
 * Define-by-run parameter suggestions, as Optuna's {@code trial.suggest_*}: a family's space asks for each
 * parameter by name and range, and the sampler behind this interface decides the value (uniformly at
 * random, or from the trials so far). Names must be stable across trials.
 */
public interface Suggester {
    /** An integer in [lo, hi], inclusive. */
    int suggestInt(String name, int lo, int hi);

    /** A real number in [lo, hi]; {@code log} samples uniformly on the log scale. */
    double suggestFloat(String name, double lo, double hi, boolean log);

    /** One of {@code choices}. */
    <T> T suggestCategorical(String name, List<T> choices);
}
