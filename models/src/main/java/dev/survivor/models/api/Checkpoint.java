package dev.survivor.models.api;

import java.nio.file.Path;
import java.util.List;

/** What {@link Regressor#save} wrote: the checkpoint Step 6 loads and any companion files. */
public record Checkpoint(Path path, String format, List<Path> companions) {
    public Checkpoint {
        companions = List.copyOf(companions);
    }
}
