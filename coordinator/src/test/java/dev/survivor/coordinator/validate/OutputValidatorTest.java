package dev.survivor.coordinator.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputValidatorTest {
    @TempDir
    Path dir;

    private Validation check(String content, Integer expected) throws Exception {
        Path f = dir.resolve("out.json");
        Files.writeString(f, content);
        return OutputValidator.validate(f, expected);
    }

    @Test
    void acceptsAnArrayWithOneRecordPerSeedIncludingBareNaN() throws Exception {
        Validation v = check("[{\"seed\": 1, \"score\": NaN, \"features\": {\"a\": NaN}},"
                + " {\"features\": {}, \"seed\": 18446744073709551615}]", 2);
        assertThat(v.isOk()).as(v.message()).isTrue();
        assertThat(v.records()).isEqualTo(2);
    }

    @Test
    void namesEachFailureMode() throws Exception {
        assertThat(OutputValidator.validate(dir.resolve("none.json"), 1).failure()).isEqualTo(FailureMode.FILE_MISSING);
        assertThat(check("", 1).failure()).isEqualTo(FailureMode.FILE_EMPTY);
        assertThat(check("[{\"seed\": 1, \"features\": {}}", 1).failure()).isEqualTo(FailureMode.INVALID_JSON);
        assertThat(check("{\"seed\": 1}", 1).failure()).isEqualTo(FailureMode.INVALID_JSON);
        assertThat(check("[]", 1).message()).startsWith("Empty JSON array");
        assertThat(check("[{\"seed\": 1}]", 1).message()).contains("Record 0 has no 'features' object");
        assertThat(check("[{\"seed\": \"1\", \"features\": {}}]", 1).message()).contains("integer 'seed'");
        assertThat(check("[{\"seed\": 1, \"features\": {}}] x", 1).failure()).isEqualTo(FailureMode.INVALID_JSON);
        Validation count = check("[{\"seed\": 1, \"features\": {}}]", 2);
        assertThat(count.failure()).isEqualTo(FailureMode.RECORD_COUNT);
        assertThat(count.message()).contains("Expected 2 records, found 1");
        assertThat(check("[{\"seed\": 1, \"features\": {}}]", null).isOk()).isTrue();
    }
}
