package dev.survivor.models.search;

import java.util.List;

/** All trials of one model type and the one chosen. */
public record SearchResult(List<TrialResult> trials, TrialResult best, String method) {
}
