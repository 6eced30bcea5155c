package dev.survivor.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {
    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("history.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsIntegerArrays() throws IOException {
        assertThat(HistoryReader.read(file("[0, 999, 5]"), 1000)).containsExactly(0, 999, 5);
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            big.append(i == 0 ? "" : ",").append(i % 1000);
        }
        assertThat(HistoryReader.read(file(big + "]"), 1000)).hasSize(5000).endsWith(999);
    }

    @Test
    void objectRowsUseTheFirstKnownKeyOfElementZero() throws IOException {
        String lottery = """
                [{"date": "2025-09-07", "session": "midday", "draw": 978, "full_state": 123456},
                 {"date": "2025-09-07", "session": "evening", "draw": 5}]
                """;
        assertThat(HistoryReader.read(file(lottery), 1000)).containsExactly(978, 5);
        // draw > number > value > result, whatever the order in the object
        assertThat(HistoryReader.read(file("[{\"value\": 1, \"number\": 2}, {\"number\": 3, \"value\": 9}]"), 1000))
                .containsExactly(2, 3);
        assertThat(HistoryReader.read(file("[{\"result\": 7}]"), 10)).containsExactly(7);
    }

    @Test
    void drawOutsideModNamesElementAndValue() throws IOException {
        Path f = file("[1, 1000]");
        assertThatThrownBy(() -> HistoryReader.read(f, 1000)).isInstanceOf(InputFileException.class)
                .hasMessage(f + ": element 1: draw 1000 is outside 0..999 (mod 1000)");
        Path g = file("[{\"draw\": 4}, {\"draw\": -1}]");
        assertThatThrownBy(() -> HistoryReader.read(g, 1000))
                .hasMessage(g + ": element 1: draw -1 is outside 0..999 (mod 1000)");
    }

    @Test
    void nonIntegerDraws() throws IOException {
        Path f = file("[1, 2.5]");
        assertThatThrownBy(() -> HistoryReader.read(f, 1000)).hasMessageContaining("element 1")
                .hasMessageContaining("2.5").hasMessageContaining("not an integer");
        Path g = file("[{\"draw\": \"12\"}]");
        assertThatThrownBy(() -> HistoryReader.read(g, 1000)).hasMessageContaining("element 0 field 'draw'")
                .hasMessageContaining("\"12\"");
        Path h = file("[null]");
        assertThatThrownBy(() -> HistoryReader.read(h, 1000)).hasMessageContaining("element 0")
                .hasMessageContaining("null");
    }

    @Test
    void emptyHistoryIsAnError() throws IOException {
        Path f = file("[]");
        assertThatThrownBy(() -> HistoryReader.read(f, 1000)).hasMessage(f + ": history is empty; expected at least one draw");
    }

    @Test
    void inconsistentRows() throws IOException {
        Path f = file("[{\"draw\": 1}, {\"number\": 2}]");
        assertThatThrownBy(() -> HistoryReader.read(f, 1000)).hasMessageContaining("element 1")
                .hasMessageContaining("no 'draw' field");
        Path g = file("[{\"draw\": 1}, 2]");
        assertThatThrownBy(() -> HistoryReader.read(g, 1000)).hasMessageContaining("element 1")
                .hasMessageContaining("expected an object with 'draw'");
        Path h = file("[1, {\"draw\": 2}]");
        assertThatThrownBy(() -> HistoryReader.read(h, 1000)).hasMessageContaining("element 1")
                .hasMessageContaining("expected an integer draw");
        Path k = file("[{\"date\": \"x\", \"n\": 2}]");
        assertThatThrownBy(() -> HistoryReader.read(k, 1000)).hasMessageContaining("element 0")
                .hasMessageContaining("[draw, number, value, result]").hasMessageContaining("[date, n]");
    }

    @Test
    void malformedAndMissing() throws IOException {
        Path f = file("[1, 2,");
        assertThatThrownBy(() -> HistoryReader.read(f, 1000)).hasMessageContaining("malformed JSON");
        Path g = file("{\"draws\": [1]}");
        assertThatThrownBy(() -> HistoryReader.read(g, 1000)).hasMessageContaining("expected a JSON array of draws");
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> HistoryReader.read(missing, 1000)).hasMessage(missing + ": file not found");
    }
}
