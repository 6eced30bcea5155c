package dev.survivor.kernels.io;

import java.nio.file.Path;
import java.util.List;

/** A stream of survivors read in batches, in file order. Errors are {@link InputFileException}s. */
public interface SurvivorSource extends AutoCloseable {

    /** Up to {@code max} next survivors; an empty list at the end. */
    List<Survivor> nextBatch(int max);

    /** The file being read. */
    Path file();

    @Override
    void close();
}
