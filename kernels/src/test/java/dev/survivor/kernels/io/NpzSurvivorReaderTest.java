package dev.survivor.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.kernels.features.FeatureCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures were written by numpy 2.4 ({@code np.savez_compressed}/{@code np.savez}) with the NPZ v3
 * dtypes of docs/step3-features.md §10.2; {@code survivors_v3_chunk.json} is what the reference chunk
 * converter makes of the same arrays (every full-length array, {@code seeds} → {@code seed},
 * {@code .item()} values).
 */
class NpzSurvivorReaderTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
        }
        return f;
    }

    private static List<Survivor> readAll(Path f, int batch) {
        List<Survivor> all = new ArrayList<>();
        try (SurvivorSource r = SurvivorSources.open(f)) {
            for (List<Survivor> b = r.nextBatch(batch); !b.isEmpty(); b = r.nextBatch(batch)) {
                all.addAll(b);
            }
        }
        return all;
    }

    @Test
    void npzGivesTheSameSurvivorsAsItsChunkFile() throws IOException {
        Path npz = resource("survivors_v3.npz");
        List<Survivor> fromNpz = readAll(npz, 2);
        List<Survivor> fromChunk = readAll(resource("survivors_v3_chunk.json"), 100);
        assertThat(fromNpz).hasSize(5);
        assertThat(SurvivorSources.count(npz)).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(fromNpz.get(i).seed()).isEqualTo(fromChunk.get(i).seed());
            assertThat(fromNpz.get(i).metadata()).containsExactly(fromChunk.get(i).metadata());
            assertThat(fromNpz.get(i).holdoutSkip()).isEqualTo(fromChunk.get(i).holdoutSkip());
        }
        assertThat(fromNpz).extracting(Survivor::seed).containsExactly(999L, 0L, 4294967295L, 12345L, 7L);
        double[] m = fromNpz.get(0).metadata();
        // float32 arrays arrive as their double expansion, as in the reference chunk files
        assertThat(m[FeatureCatalogue.METADATA.indexOf("intersection_ratio")]).isEqualTo(0.057591624557971954);
        assertThat(m[FeatureCatalogue.METADATA.indexOf("skip_range")]).isEqualTo(7.0);
        assertThat(fromNpz.get(0).holdoutSkip()).isEqualTo(2);
    }

    @Test
    void uncompressedUint64SeedsAndInt64Metadata() throws IOException {
        List<Survivor> s = readAll(resource("survivors_uncompressed.npz"), 10);
        assertThat(s).extracting(Survivor::seed).containsExactly(1L, 2L, 3L);
        assertThat(s).extracting(Survivor::holdoutSkip).containsExactly(4L, 5L, 6L);
    }

    @Test
    void missingSeedsArrayAndWrongShapeAreClearErrors() throws IOException {
        Path noSeeds = resource("no_seeds.npz");
        assertThatThrownBy(() -> SurvivorSources.open(noSeeds)).isInstanceOf(InputFileException.class)
                .hasMessageContaining(noSeeds.toString()).hasMessageContaining("no 'seeds' array")
                .hasMessageContaining("candidates");
        Path twoD = resource("seeds_2d.npz");
        assertThatThrownBy(() -> SurvivorSources.count(twoD)).hasMessageContaining("expected a 1-D array");
    }

    @Test
    void truncatedZipIsReported() throws IOException {
        Path npz = resource("survivors_v3.npz");
        byte[] all = Files.readAllBytes(npz);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> readAll(cut, 10)).isInstanceOf(InputFileException.class)
                .hasMessageContaining(cut.toString());
    }
}
