package dev.survivor.kernels.backend.nativecpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The FFTW the kernel library uses is the copy shipped beside it (from Maven), not a system FFTW: this
 * process's memory map (/proc/self/maps) holds exactly one libfftw3, at the located path, with the bundled bytes.
 */
class BundledFftwTest {

    @Test
    void theOnlyMappedFftwIsTheBundledCopy() throws IOException {
        Object loaded = NativeLibrary.load();
        assertThat(loaded).as("native library must load here: %s", loaded).isInstanceOf(NativeLibrary.class);
        NativeLibrary lib = (NativeLibrary) loaded;

        List<Path> mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.split("\\s+", 6))
                .filter(f -> f.length == 6 && f[5].contains("libfftw3"))
                .map(f -> Path.of(f[5].trim()))
                .distinct()
                .toList();

        assertThat(mapped).containsExactly(lib.fftwPath.toRealPath());
        assertThat(lib.fftwPath.getParent()).isEqualTo(lib.path.getParent());
        assertThat(Files.readAllBytes(lib.fftwPath))
                .as("the loaded FFTW has the bytes of the jar resource")
                .isEqualTo(NativeLibraryLocator.resource(NativeLibraryLocator.FFTW_FILE_NAME));
        assertThat(lib.details()).containsEntry("fftw_library", lib.fftwPath.toString());
    }

    @Test
    void theKernelLibraryFindsFftwBesideItself() throws IOException {
        // the ELF dynamic section asks for libfftw3.so.3 with RUNPATH $ORIGIN, so even a plain dlopen of the
        // library (without Java loading FFTW first) resolves the copy beside it
        String elf = new String(NativeLibraryLocator.resource(NativeLibraryLocator.FILE_NAME),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(elf).contains("libfftw3.so.3").contains("$ORIGIN");
    }
}
