package dev.survivor.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesIntoNewFoldersAndReplacesTheOldContent() throws IOException {
        Path f = dir.resolve("a/b/out.json");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.write(f, out -> {
            out.write("second".getBytes());
            out.close(); // e.g. a Jackson generator closing its target
        });
        assertThat(Files.readString(f)).isEqualTo("second");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailingBodyLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("out.json");
        AtomicFiles.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write").hasMessageContaining("disk full");
        assertThatThrownBy(() -> AtomicFiles.writeVia(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IllegalStateException("bad value");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bad value");
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void privateFilesAreOwnerOnly() throws IOException {
        Path f = dir.resolve("tokens.json");
        AtomicFiles.writePrivate(f, out -> out.write('x'));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }

    @Test
    void writeViaCopyAndCommitOfAStreamedTemporaryFile() throws IOException {
        Path src = dir.resolve("src.bin");
        Files.write(src, new byte[] {1, 2, 3});
        AtomicFiles.copy(src, dir.resolve("copy.bin"));
        assertThat(Files.readAllBytes(dir.resolve("copy.bin"))).containsExactly(1, 2, 3);

        Path target = dir.resolve("sub/streamed.txt");
        Path tmp = AtomicFiles.tempFor(target);
        assertThat(tmp.getParent()).isEqualTo(target.toAbsolutePath().getParent());
        assertThat(tmp.getFileName().toString()).startsWith(".streamed.txt.").endsWith(".part");
        Files.writeString(tmp, "done");
        AtomicFiles.commit(tmp, target);
        assertThat(Files.readString(target)).isEqualTo("done");
        assertThat(tmp).doesNotExist();
    }

    private java.util.List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
