package dev.survivor.models.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.survivor.kernels.io.InputFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lottery history file (docs/step3-features.md §10.3, docs/models.md §7.1): an array of ints, an array of
 * objects with {@code draw}, or an object with a {@code draws} array.
 */
public final class LotteryHistory {
    private LotteryHistory() {
    }

    public static long[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, Files.exists(file) ? "is not a regular file" : "file not found");
        }
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                boolean found = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    t = p.nextToken();
                    if ("draws".equals(name) && t == JsonToken.START_ARRAY) {
                        found = true;
                        break;
                    }
                    p.skipChildren();
                }
                if (!found) {
                    throw new InputFileException(file, "is an object without a \"draws\" array");
                }
            } else if (t != JsonToken.START_ARRAY) {
                throw new InputFileException(file, "expected a JSON array of draws, found " + t);
            }
            List<Long> out = new ArrayList<>();
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new InputFileException(file, "truncated: the draws array is not closed");
                }
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    out.add(p.getLongValue());
                } else if (t == JsonToken.START_OBJECT) {
                    Long draw = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("draw".equals(name) && v == JsonToken.VALUE_NUMBER_INT) {
                            draw = p.getLongValue();
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (draw == null) {
                        throw new InputFileException(file, "draw " + i + " (line " + p.currentLocation().getLineNr()
                                + ") has no integer \"draw\" field");
                    }
                    out.add(draw);
                } else {
                    throw new InputFileException(file, "draw " + i + " is " + t + ", expected an integer or an object "
                            + "with \"draw\"");
                }
                i++;
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        } catch (JsonProcessingException e) {
            throw new InputFileException(file, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, "file not found");
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
