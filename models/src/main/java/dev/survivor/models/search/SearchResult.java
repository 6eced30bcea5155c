package dev.survivor.models.search;

import java.util.List;

/**
 * All trials of one model type and the one chosen (the best complete trial).
 *
 * @param stopReason why the search ended before its trial budget (e.g. the time budget), or null
 */
public record SearchResult(List<TrialResult> trials, TrialResult best, String method, String stopReason) {
    public long count(String status) {
        return trials.stream().filter(t -> t.status().equals(status)).count();
    }
}
