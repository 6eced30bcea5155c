package dev.survivor.kernels.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.survivor.common.AtomicFiles;
import dev.survivor.kernels.features.FeatureCatalogue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Streams the Step 3 per-job file (docs/step3-features.md §9.1): a JSON array, indented by 2 like
 * Python's {@code json.dump(indent=2)}, one object per survivor in input order. Records go
 * straight to one reused generator (no per-record trees). The file is written under a temporary
 * name in the target directory and renamed by {@link #commit()}, so readers never see a partial
 * file; {@link #close()} without a commit deletes the temporary file. NaN and Infinity are refused.
 */
public final class ResultWriter implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    /**
     * The per-record {@code metadata} object's constant part.
     *
     * @param prngType       the registry name as given on the command line
     * @param mod            modulus M
     * @param workerHostname host that scored the job
     * @param workerGpu      GPU index (an Integer) or device id string; see {@link #workerGpu}
     * @param backend        name of the scoring backend
     */
    public record Metadata(String prngType, int mod, String workerHostname, Object workerGpu, String backend) {
    }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final JsonGenerator gen;
    private final Metadata metadata;
    private final SerializableString[] featureNames;
    private final SerializableString[] holdoutNames;
    private final int perSeed;
    private long records;
    private boolean committed;
    private boolean closed;

    public ResultWriter(Path target, FeatureCatalogue catalogue, Metadata metadata) throws IOException {
        this.target = target.toAbsolutePath();
        this.metadata = metadata;
        this.featureNames = names(catalogue.allNames());
        this.holdoutNames = names(catalogue.perSeedNames());
        this.perSeed = catalogue.perSeedNames().size();
        this.temp = AtomicFiles.tempFor(this.target);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            OutputStream out = Channels.newOutputStream(ch);
            this.gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            this.channel = ch;
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(temp);
            throw e;
        }
        gen.setPrettyPrinter(pythonIndent2());
        gen.writeStartArray();
    }

    /** Python's indent=2 layout: newline + 2 spaces per level, {@code "key": value}. */
    private static DefaultPrettyPrinter pythonIndent2() {
        Separators seps = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(seps);
        pp.indentArraysWith(indent);
        pp.indentObjectsWith(indent);
        return pp;
    }

    private static SerializableString[] names(List<String> list) {
        SerializableString[] s = new SerializableString[list.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new SerializedString(list.get(i));
        }
        return s;
    }

    /** {@code worker_gpu}: the first entry of CUDA_VISIBLE_DEVICES / HIP_VISIBLE_DEVICES, else {@code gpuId}. */
    public static Object workerGpu(java.util.Map<String, String> env, int gpuId) {
        for (String var : new String[] {"CUDA_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                String first = v.split(",", 2)[0].trim();
                try {
                    return Integer.parseInt(first);
                } catch (NumberFormatException e) {
                    return first; // a device UUID such as GPU-8f2c...
                }
            }
        }
        return gpuId;
    }

    /** Appends one record; the timestamp is the time of writing, Unix seconds. */
    public void write(ScoredSeed s) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        double[] f = s.features();
        if (f.length != featureNames.length) {
            throw new IllegalArgumentException("record has " + f.length + " features, catalogue has " + featureNames.length);
        }
        gen.writeStartObject();
        gen.writeFieldName("seed");
        if (s.seed() >= 0) {
            gen.writeNumber(s.seed());
        } else {
            gen.writeNumber(Long.toUnsignedString(s.seed()));
        }
        gen.writeFieldName("score");
        number(s.score(), s, "score");
        gen.writeFieldName("features");
        object(featureNames, f, featureNames.length, s, "features.");
        gen.writeFieldName("metadata");
        gen.writeStartObject();
        gen.writeStringField("prng_type", metadata.prngType());
        gen.writeNumberField("mod", metadata.mod());
        gen.writeStringField("worker_hostname", metadata.workerHostname());
        gen.writeFieldName("worker_gpu");
        if (metadata.workerGpu() instanceof Integer i) {
            gen.writeNumber(i);
        } else {
            gen.writeString(String.valueOf(metadata.workerGpu()));
        }
        gen.writeStringField("backend", metadata.backend());
        gen.writeNumberField("timestamp", System.currentTimeMillis() / 1000.0);
        gen.writeEndObject();
        if (s.hasHoldout()) {
            gen.writeFieldName("holdout_hits");
            number(s.holdoutHits(), s, "holdout_hits");
            gen.writeFieldName("holdout_features");
            object(holdoutNames, s.holdoutFeatures(), perSeed, s, "holdout_features.");
            gen.writeFieldName("holdout_quality");
            number(s.holdoutQuality(), s, "holdout_quality");
        }
        gen.writeEndObject();
        records++;
    }

    private void object(SerializableString[] names, double[] values, int n, ScoredSeed s, String path) throws IOException {
        if (values.length < n) {
            throw new IllegalArgumentException(path + " has " + values.length + " values, expected " + n);
        }
        gen.writeStartObject();
        for (int i = 0; i < n; i++) {
            gen.writeFieldName(names[i]);
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw nonFinite(s, path + names[i].getValue(), v);
            }
            gen.writeNumber(v);
        }
        gen.writeEndObject();
    }

    private void number(double v, ScoredSeed s, String field) throws IOException {
        if (!Double.isFinite(v)) {
            throw nonFinite(s, field, v);
        }
        gen.writeNumber(v);
    }

    private static IllegalStateException nonFinite(ScoredSeed s, String field, double v) {
        return new IllegalStateException("seed " + Long.toUnsignedString(s.seed()) + ": " + field + " is " + v
                + "; Step 3 output must never contain NaN or Infinity");
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** The final path (absolute). */
    public Path target() {
        return target;
    }

    /** Closes the array, syncs and atomically renames the temporary file to the target. */
    public void commit() throws IOException {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        gen.writeEndArray();
        gen.writeRaw('\n');
        gen.flush();
        channel.force(true);
        gen.close();
        closed = true;
        try {
            AtomicFiles.commit(temp, target);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        committed = true;
    }

    /** Without a prior {@link #commit()}, discards everything written (the target is untouched). */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            if (!closed) {
                closed = true;
                try {
                    gen.close();
                } catch (IOException | RuntimeException ignored) {
                    // the partial file is deleted next; its content no longer matters
                }
                channel.close();
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary file " + temp, e);
        }
    }
}
