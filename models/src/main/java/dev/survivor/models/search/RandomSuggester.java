package dev.survivor.models.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Uniform draws from a seeded generator; records what it suggested (the trial's raw parameters). */
public class RandomSuggester implements Suggester {
    private final SplittableRandom rng;
    private final Map<String, Object> suggested = new LinkedHashMap<>();

    public RandomSuggester(SplittableRandom rng) {
        this.rng = rng;
    }

    @Override
    public int suggestInt(String name, int lo, int hi) {
        int v = lo + rng.nextInt(hi - lo + 1);
        suggested.put(name, v);
        return v;
    }

    @Override
    public double suggestFloat(String name, double lo, double hi, boolean log) {
        double u = rng.nextDouble();
        double v = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        suggested.put(name, v);
        return v;
    }

    @Override
    public <T> T suggestCategorical(String name, List<T> choices) {
        T v = choices.get(rng.nextInt(choices.size()));
        suggested.put(name, v);
        return v;
    }

    /** Everything suggested so far, by name, in call order. */
    public Map<String, Object> suggested() {
        return suggested;
    }

    protected SplittableRandom rng() {
        return rng;
    }

    protected void record(String name, Object value) {
        suggested.put(name, value);
    }
}
