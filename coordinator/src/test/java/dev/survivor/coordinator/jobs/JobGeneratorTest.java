package dev.survivor.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.coordinator.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void autoChunkSizeFollowsTheReference() {
        assertThat(JobGenerator.autoChunkSize(395_211, 26)).isEqualTo(11_000); // 395211 / 39 = 10133 → 11000
        assertThat(JobGenerator.autoChunkSize(5_000, 26)).isEqualTo(1_000);
        assertThat(JobGenerator.autoChunkSize(39_000, 26)).isEqualTo(1_000);
        assertThat(JobGenerator.autoChunkSize(39_001, 26)).isEqualTo(1_000);
        assertThat(JobGenerator.autoChunkSize(78_000, 26)).isEqualTo(2_000);
    }

    @Test
    void chunksInInputOrderAndWritesTheFrozenJobSpec() throws Exception {
        Path s = Files.writeString(dir.resolve("s.json"),
                "[5, {\"candidate_seed\": 6, \"skip_min\": 1}, {\"seed\": 18446744073709551615, \"x\": \"kept\"}, 8, 9]");
        Path t = Files.writeString(dir.resolve("train.json"), "[1,2,3]");
        Path jobsFile = dir.resolve("work/scoring_jobs.json");
        GenerateResult r = JobGenerator.generate(new GenerateRequest(s, t, null, null, 2, 26, "mt19937", 1000, jobsFile, 600));
        assertThat(r.survivors()).isEqualTo(5);
        assertThat(r.jobs()).extracting(ScriptJob::seedCount).containsExactly(2, 2, 1);
        JsonNode c1 = Json.MAPPER.readTree(dir.resolve("work/scoring_chunks/chunk_0001.json").toFile());
        assertThat(c1.toString()).isEqualTo("[{\"seed\":18446744073709551615,\"x\":\"kept\"},{\"seed\":8}]");
        JsonNode c0 = Json.MAPPER.readTree(dir.resolve("work/scoring_chunks/chunk_0000.json").toFile());
        assertThat(c0.get(1).toString()).isEqualTo("{\"seed\":6,\"skip_min\":1}");

        List<ScriptJob> jobs = JobsFile.read(jobsFile);
        ScriptJob j = jobs.get(1);
        assertThat(j.jobId()).isEqualTo("full_scoring_0001");
        assertThat(j.script()).isEqualTo("pipeline score");
        assertThat(j.expectedOutput()).isEqualTo("full_scoring_results/chunk_0001.json");
        assertThat(j.timeoutSeconds()).isEqualTo(600);
        assertThat(j.chunkFile()).isEqualTo("scoring_chunks/chunk_0001.json");
        assertThat(j.args()).containsExactly("--seeds-file", "scoring_chunks/chunk_0001.json",
                "--train-history", t.toAbsolutePath().toString(), "--output-file", "full_scoring_results/chunk_0001.json",
                "--prng-type", "mt19937", "--mod", "1000");
        // regenerating with a larger chunk removes the stale chunk files
        JobGenerator.generate(new GenerateRequest(s, t, null, null, 10, 26, "mt19937", 1000, jobsFile, 600));
        try (var files = Files.list(dir.resolve("work/scoring_chunks"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("chunk_0000.json");
        }
    }

    @Test
    void badSurvivorsNameFileAndElement() throws Exception {
        Path t = Files.writeString(dir.resolve("train.json"), "[1,2,3]");
        Path jobs = dir.resolve("jobs.json");
        Path s1 = Files.writeString(dir.resolve("a.json"), "[1, {\"score\": 3}]");
        assertThatThrownBy(() -> JobGenerator.generate(new GenerateRequest(s1, t, null, null, 1, 26, "java_lcg", 1000, jobs, 60)))
                .hasMessageContaining("a.json: element 1: survivor object has no 'seed' or 'candidate_seed'");
        Path s2 = Files.writeString(dir.resolve("b.json"), "[1, -4]");
        assertThatThrownBy(() -> JobGenerator.generate(new GenerateRequest(s2, t, null, null, 1, 26, "java_lcg", 1000, jobs, 60)))
                .hasMessageContaining("b.json: element 1: seed -4 is outside 0..2^64-1");
        Path s3 = Files.writeString(dir.resolve("c.json"), "[1, 2");
        assertThatThrownBy(() -> JobGenerator.generate(new GenerateRequest(s3, t, null, null, 1, 26, "java_lcg", 1000, jobs, 60)))
                .hasMessageContaining("c.json");
        assertThatThrownBy(() -> JobGenerator.generate(new GenerateRequest(dir.resolve("none.json"), t, null, null, 1, 26,
                "java_lcg", 1000, jobs, 60))).hasMessageContaining("none.json: survivors file not found");
        assertThat(jobs).doesNotExist();
    }

    @Test
    void badJobsFilesNameJobAndField() throws Exception {
        Path f = dir.resolve("j.json");
        Files.writeString(f, "[{\"job_id\": \"a\", \"script\": \"s\", \"expected_output\": \"o\", \"timeout\": \"long\"}]");
        assertThatThrownBy(() -> JobsFile.read(f)).hasMessageContaining("j.json: job [0] (a): field 'timeout': expected a positive integer");
        Files.writeString(f, "[{\"job_id\": \"a\", \"script\": \"s\", \"expected_output\": \"o\"},"
                + " {\"job_id\": \"a\", \"script\": \"s\", \"expected_output\": \"p\"}]");
        assertThatThrownBy(() -> JobsFile.read(f)).hasMessageContaining("job_id \"a\" is used twice");
        Files.writeString(f, "{}");
        assertThatThrownBy(() -> JobsFile.read(f)).hasMessageContaining("expected a JSON array of jobs");
        Files.writeString(f, "[{\"job_id\": \"a\", \"script\": \"s\", \"expected_output\": \"o\", \"args\": [\"x\", {}]}]");
        assertThatThrownBy(() -> JobsFile.read(f)).hasMessageContaining("args[1]: expected a string");
    }

    /** One .npy entry (format v1.0) holding a 1-D little-endian array. */
    private static void npy(java.util.zip.ZipOutputStream z, String name, String descr, java.nio.ByteBuffer data)
            throws Exception {
        int n = data.capacity() / Integer.parseInt(descr.substring(2));
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + n + ",), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad % 64) + "\n";
        z.putNextEntry(new java.util.zip.ZipEntry(name + ".npy"));
        z.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        z.write(new byte[] {(byte) header.length(), (byte) (header.length() >> 8)});
        z.write(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        z.write(data.array());
        z.closeEntry();
    }

    @Test
    void npzSurvivorsBecomeChunkRecordsWithSeedAndMetadata() throws Exception {
        Path npz = dir.resolve("s.npz");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(npz))) {
            var seeds = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            seeds.putInt(999).putInt(-1).putInt(7); // -1 is the uint32 4294967295
            npy(z, "seeds", "<u4", seeds);
            var skip = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            skip.putInt(2).putInt(3).putInt(4);
            npy(z, "skip_min", "<i4", skip);
            var fc = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            fc.putFloat(121f).putFloat(0.5f).putFloat(3f);
            npy(z, "forward_count", "<f4", fc);
        }
        Path t = Files.writeString(dir.resolve("train.json"), "[1,2,3]");
        GenerateResult r = JobGenerator.generate(new GenerateRequest(npz, t, null, null, 2, 26, "java_lcg", 1000,
                dir.resolve("jobs.json"), 60));
        assertThat(r.survivors()).isEqualTo(3);
        JsonNode c0 = Json.MAPPER.readTree(dir.resolve("scoring_chunks/chunk_0000.json").toFile());
        assertThat(c0.get(0).get("seed").asLong()).isEqualTo(999);
        assertThat(c0.get(0).get("skip_min").asLong()).isEqualTo(2);
        assertThat(c0.get(0).get("forward_count").asDouble()).isEqualTo(121.0);
        assertThat(c0.get(1).get("seed").asLong()).isEqualTo(4294967295L);
        assertThat(c0.get(1).get("forward_count").asDouble()).isEqualTo(0.5);
        assertThat(c0.get(1).get("skip_best").asLong()).isEqualTo(3);
        assertThat(Json.MAPPER.readTree(dir.resolve("scoring_chunks/chunk_0001.json").toFile()).get(0).get("seed").asLong())
                .isEqualTo(7);
    }
}
