package dev.survivor.kernels.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the NPZ v3 survivors file (docs/step3-features.md §10.2): a zip of 1-D {@code .npy} arrays, one
 * element per survivor, {@code seeds} required. Each survivor becomes the same record the chunk
 * converter writes ({@code seeds} renamed {@code seed}, every array of full length as a key,
 * float32 widened to its double expansion), which then goes through the same mapping as JSON.
 * All arrays are streamed side by side, so memory does not grow with the file.
 */
public final class NpzSurvivorReader implements SurvivorSource {
    private final Path file;
    private final ZipFile zip;
    private final NpyColumn seeds;
    private final List<NpyColumn> columns;
    private long index;

    private NpzSurvivorReader(Path file, ZipFile zip, NpyColumn seeds, List<NpyColumn> columns) {
        this.file = file;
        this.zip = zip;
        this.seeds = seeds;
        this.columns = columns;
    }

    public static NpzSurvivorReader open(Path file) {
        ZipFile zip = openZip(file);
        List<NpyColumn> opened = new ArrayList<>();
        try {
            NpyColumn seeds = column(zip, file, "seeds");
            opened.add(seeds);
            List<NpyColumn> others = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = arrayName(entry);
                if (name == null || name.equals("seeds")) {
                    continue;
                }
                NpyColumn c = NpyColumn.open(name, zip.getInputStream(entry));
                opened.add(c);
                if (c.length == seeds.length) {
                    others.add(c);
                } else {
                    c.close(); // not one value per survivor: the chunk converter skips it too
                }
            }
            if (seeds.isFloat()) {
                throw new InputFileException(file, "array 'seeds' has a floating-point dtype; expected unsigned integers");
            }
            return new NpzSurvivorReader(file, zip, seeds, others);
        } catch (IOException | RuntimeException e) {
            for (NpyColumn c : opened) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            try {
                zip.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (e instanceof InputFileException ife) {
                throw ife;
            }
            throw new InputFileException(file, "bad NPZ archive: " + e.getMessage(), e);
        }
    }

    /** The length of the {@code seeds} array, read from its header only. */
    public static long count(Path file) {
        try (ZipFile zip = openZip(file); NpyColumn seeds = column(zip, file, "seeds")) {
            return seeds.length;
        } catch (IOException e) {
            throw new InputFileException(file, "bad NPZ archive: " + e.getMessage(), e);
        }
    }

    private static ZipFile openZip(Path file) {
        try {
            return new ZipFile(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InputFileException(file, "file not found");
        } catch (ZipException e) {
            throw new InputFileException(file, "not a readable NPZ (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static NpyColumn column(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            entry = zip.getEntry(name);
        }
        if (entry == null) {
            List<String> names = new ArrayList<>();
            zip.stream().map(NpzSurvivorReader::arrayName).filter(java.util.Objects::nonNull).forEach(names::add);
            throw new InputFileException(file, "NPZ has no '" + name + "' array (found " + names + ")");
        }
        return NpyColumn.open(name, zip.getInputStream(entry));
    }

    private static String arrayName(ZipEntry e) {
        String n = e.getName();
        if (e.isDirectory()) {
            return null;
        }
        return n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<Survivor> nextBatch(int max) {
        List<Survivor> batch = new ArrayList<>((int) Math.min(max, Math.max(0, seeds.length - index)));
        try {
            while (index < seeds.length && batch.size() < max) {
                long seed = seeds.nextLong();
                if (seed < 0 && seeds.kind == 'i') {
                    throw new InputFileException(file, "element " + index + ": seed " + seed + " is negative; "
                            + UnsignedSeeds.RANGE);
                }
                ObjectNode record = JsonNodeFactory.instance.objectNode();
                record.put("seed", new java.math.BigInteger(Long.toUnsignedString(seed)));
                for (NpyColumn c : columns) {
                    if (c.isFloat()) {
                        record.put(c.name, c.nextDouble());
                    } else {
                        record.put(c.name, c.nextLong());
                    }
                }
                try {
                    batch.add(SurvivorMapping.fromRecord(seed, record));
                } catch (IllegalArgumentException e) {
                    throw new InputFileException(file, "element " + index + ": " + e.getMessage(), e);
                }
                index++;
            }
        } catch (IOException e) {
            throw new InputFileException(file, "element " + index + ": " + e.getMessage(), e);
        }
        return batch;
    }

    @Override
    public void close() {
        try {
            for (NpyColumn c : columns) {
                c.close();
            }
            seeds.close();
            zip.close();
        } catch (IOException ignored) {
            // read-only archive: nothing to recover on close
        }
    }
}
