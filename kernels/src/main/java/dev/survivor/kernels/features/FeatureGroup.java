package dev.survivor.kernels.features;

/** Feature groups of docs/step3-features.md §3 (used for documentation, schema and charts). */
public enum FeatureGroup {
    MATCH, PREDICTION, RESIDUAL, ACTUAL, LANE, DIGIT, TEMPORAL, RESIDUE,
    SPECTRAL, AUTOCORRELATION, CUMULATIVE_SUM, BIT_FREQUENCY, METADATA, GLOBAL
}
