package dev.survivor.pipeline.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.coordinator.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of an aggregated {@code survivors_with_scores.json} (already sorted by score, best first) and the rank of
 * one seed in it, read by streaming so a full-size file never has to fit in memory.
 *
 * @param top         the first records, in file order
 * @param seedRank    1-based position of the looked-for seed, 0 when absent
 * @param total       records in the file
 */
record RankedScores(List<JsonNode> top, long seedRank, long total) {

    static RankedScores read(Path scores, int topN, long seed) {
        String wanted = Long.toUnsignedString(seed);
        List<JsonNode> top = new ArrayList<>();
        long rank = 0;
        long n = 0;
        try (JsonParser p = Json.MAPPER.createParser(scores.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException(scores + ": expected a JSON array of scored survivors");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode r = Json.MAPPER.readTree(p);
                n++;
                if (top.size() < topN) {
                    top.add(r);
                }
                if (rank == 0 && r.path("seed").asText().equals(wanted)) {
                    rank = n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(scores + ": " + e.getMessage(), e);
        }
        return new RankedScores(top, rank, n);
    }

    /** A feature of a record, NaN when absent. */
    static double feature(JsonNode record, String name) {
        JsonNode v = record.path("features").get(name);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
