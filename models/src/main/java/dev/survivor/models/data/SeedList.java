package dev.survivor.models.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.survivor.common.LenientJson;
import dev.survivor.kernels.io.InputFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Just the seeds of a survivors file (ints, or objects with {@code seed}; optionally under "survivors"). */
public final class SeedList {
    private static final JsonFactory FACTORY = LenientJson.FACTORY;

    private SeedList() {
    }

    public static Set<Long> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, Files.exists(file) ? "is not a regular file" : "file not found");
        }
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if ("survivors".equals(name) && t == JsonToken.START_ARRAY) {
                        break;
                    }
                    p.skipChildren();
                }
            }
            if (t != JsonToken.START_ARRAY) {
                throw new InputFileException(file, "expected a JSON array of survivors (or an object with \"survivors\")");
            }
            Set<Long> seeds = new HashSet<>();
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new InputFileException(file, "truncated: the survivors array is not closed");
                }
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    seeds.add(Long.parseUnsignedLong(p.getText()));
                } else if (t == JsonToken.START_OBJECT) {
                    Long seed = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken v = p.nextToken();
                        if (("seed".equals(name) || "candidate_seed".equals(name)) && v == JsonToken.VALUE_NUMBER_INT) {
                            seed = Long.parseUnsignedLong(p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (seed == null) {
                        throw new InputFileException(file, "survivor " + i + " has no integer \"seed\"");
                    }
                    seeds.add(seed);
                } else {
                    throw new InputFileException(file, "survivor " + i + " is " + t + ", expected a seed or an object");
                }
                i++;
            }
            return seeds;
        } catch (JsonProcessingException e) {
            throw new InputFileException(file, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new InputFileException(file, "a seed is not an unsigned 64-bit integer: " + e.getMessage());
        }
    }
}
