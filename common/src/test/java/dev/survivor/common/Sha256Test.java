package dev.survivor.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2

    @Test
    void knownVectorForBytesAndFiles(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertThat(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Sha256.of(f)).isEqualTo(ABC);
        assertThat(Sha256.ofOrNull(f)).isEqualTo(ABC);
    }

    @Test
    void aMissingFileIsNullOrANamedError(@TempDir Path dir) {
        Path missing = dir.resolve("missing.bin");
        assertThat(Sha256.ofOrNull(missing)).isNull();
        assertThat(Sha256.ofOrNull(dir)).isNull();
        assertThat(Sha256.ofOrNull(null)).isNull();
        assertThatThrownBy(() -> Sha256.of(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.bin");
    }
}
