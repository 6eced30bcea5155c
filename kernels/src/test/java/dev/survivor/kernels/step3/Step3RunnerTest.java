package dev.survivor.kernels.step3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.kernels.api.BackendOptions;
import dev.survivor.kernels.api.Backends;
import dev.survivor.kernels.api.ScoringBackend;
import dev.survivor.kernels.io.InputFileException;
import dev.survivor.kernels.prng.PrngFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file → file job with the pure-Java backend. */
class Step3RunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private Path resource(String name) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/dev/survivor/kernels/io/" + name)) {
            Files.copy(in, f);
        }
        return f;
    }

    private Path history(String name, long seed, int from, int to) throws IOException {
        long[] raw = PrngFamily.JAVA_LCG.generate(seed, to, 0);
        return write(name, IntStream.range(from, to).mapToObj(i -> Long.toString(raw[i] % 1000))
                .collect(Collectors.joining(",", "[", "]")));
    }

    private static Step3Request request(Path seeds, Path train, Path holdout, Path out, int batch) {
        return new Step3Request(seeds, train, holdout, out, "java_lcg", 1000, null, "test-host", 0, batch);
    }

    private static ScoringBackend java() {
        return Backends.create("java", new BackendOptions(1, 0));
    }

    /** Records without the per-record timestamp, for comparing two runs. */
    private static List<JsonNode> records(Path out) throws IOException {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode n : JSON.readTree(out.toFile())) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("metadata")).remove("timestamp");
            list.add(n);
        }
        return list;
    }

    @Test
    void npzAndItsChunkFileScoreIdentically() throws IOException {
        Path train = history("train.json", 999, 0, 300);
        Path holdout = history("holdout.json", 999, 300, 380);
        Path a = dir.resolve("out/a.json");
        Path b = dir.resolve("out/b.json");
        List<long[]> events = new ArrayList<>();
        Step3Progress progress = new Step3Progress() {
            @Override
            public void started(long total) {
                events.add(new long[] {-1, total});
            }

            @Override
            public void advanced(long done, long total) {
                events.add(new long[] {done, total});
            }

            @Override
            public void finished(Step3Summary summary) {
                events.add(new long[] {-2, summary.count()});
            }
        };
        Step3Summary sa;
        try (ScoringBackend backend = java()) {
            sa = new Step3Runner(request(resource("survivors_v3.npz"), train, holdout, a, 2)).run(backend, progress);
            new Step3Runner(request(resource("survivors_v3_chunk.json"), train, holdout, b, 3)).run(backend, Step3Progress.NONE);
        }
        assertThat(sa.count()).isEqualTo(5);
        assertThat(sa.featureCount()).isEqualTo(91);
        assertThat(sa.backend()).isEqualTo("java");
        assertThat(sa.outputFile()).isEqualTo(a.toAbsolutePath());
        assertThat(events).extracting(e -> e[0]).containsExactly(-1L, 2L, 4L, 5L, -2L);
        List<JsonNode> ra = records(a);
        assertThat(ra).isEqualTo(records(b));
        assertThat(ra.getFirst().get("seed").asLong()).isEqualTo(999);
        assertThat(ra.getFirst().get("score").asDouble()).isEqualTo(100.0); // 999 generated the history
        assertThat(ra.getFirst().get("features").get("skip_range").asDouble()).isEqualTo(7.0);
        try (Stream<Path> s = Files.list(a.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("a.json", "b.json");
        }
    }

    @Test
    void badInputFailsBeforeAnythingIsCreated() throws IOException {
        Path seeds = write("s.json", "[1, 2]");
        Path out = dir.resolve("out/x.json");
        Path emptyTrain = write("t.json", "[]");
        assertThatThrownBy(() -> new Step3Runner(request(seeds, emptyTrain, null, out, 10)))
                .isInstanceOf(InputFileException.class).hasMessageContaining("history is empty");
        Path train = write("t.json", "[1, 2, 3]");
        Path badSeeds = write("s.json", "[1, 2");
        assertThatThrownBy(() -> new Step3Runner(request(badSeeds, train, null, out, 10)))
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> new Step3Runner(new Step3Request(seeds, train, null, out, "nope", 1000, null, "h", 0, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown PRNG family 'nope'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void failureAfterSomeBatchesLeavesNoFile() throws IOException {
        Path train = history("train.json", 5, 0, 200);
        Path seeds = write("s.json", "[1, 2, 3, 4, {\"seed\": 9, \"skip_max\": [1]}, 6]");
        Path out = dir.resolve("out/x.json");
        Step3Runner runner = new Step3Runner(request(seeds, train, null, out, 2));
        assertThat(runner.total()).isEqualTo(6);
        try (ScoringBackend backend = java()) {
            assertThatThrownBy(() -> runner.run(backend, Step3Progress.NONE)).isInstanceOf(InputFileException.class)
                    .hasMessageContaining("element 4").hasMessageContaining("skip_max");
        }
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aBatchSizeChangedMidRunTakesEffectAtTheNextBatchAndLeavesRecordsUnchanged() throws IOException {
        Path train = history("train.json", 4242, 0, 150);
        Path seeds = write("seeds.json", IntStream.range(1, 101).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]")));
        Path fixed = dir.resolve("fixed.json");
        Path live = dir.resolve("live.json");
        try (ScoringBackend b = java()) {
            new Step3Runner(request(seeds, train, null, fixed, 10)).run(b, Step3Progress.NONE);
        }
        int[] batch = {10};
        List<Long> done = new ArrayList<>();
        Step3Progress changeAfterFirst = new Step3Progress() {
            @Override
            public void advanced(long d, long total) {
                done.add(d);
                batch[0] = 30; // what a live parameter applied at this safe point does
            }
        };
        try (ScoringBackend b = java()) {
            new Step3Runner(request(seeds, train, null, live, 10)).run(b, changeAfterFirst, s -> { }, () -> batch[0]);
        }
        assertThat(done).containsExactly(10L, 40L, 70L, 100L);
        assertThat(records(live)).isEqualTo(records(fixed));
    }
}
