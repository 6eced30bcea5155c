package dev.survivor.coordinator.jobs;

import java.nio.file.Path;
import java.util.List;

/** What generate-jobs wrote. */
public record GenerateResult(Path jobsFile, Path chunkDir, long survivors, int chunkSize, List<ScriptJob> jobs) {
}
