package dev.survivor.hub.harness;

import java.util.Locale;

/** The seeds' harness scenarios. */
public enum Scenario {
    /** Two trainers sharing results and collaborating for the whole duration. */
    BASIC,
    /** Four trainers with different specializations (model types). */
    MULTI_SPEC,
    /** 200 clients, each sending a fixed number of shares as fast as the hub acknowledges them. */
    STRESS_TEST,
    /** Clients joining one after another during the run. */
    SEQUENTIAL;

    public static Scenario parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + s
                    + "' (expected basic, multi_spec, stress_test or sequential)", e);
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
