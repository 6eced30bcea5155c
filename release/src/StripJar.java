import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a dependency jar into a release bundle with only what linux-x86_64 needs: native libraries built for
 * other platforms (macOS, Windows, aarch64, musl, 32-bit, ...) and their debug symbols are left out, and the
 * natives that the launcher loads from lib/native (ours, ONNX Runtime's, JCuda's) move there instead of being
 * extracted into the temp folder at run time. Run with the JDK's source launcher:
 * {@code java StripJar.java IN.jar OUT.jar NATIVE_DIR}. Prints one line per native file it keeps, moves or drops.
 */
public final class StripJar {
    /** A native binary or debug-symbol file (by name). */
    static final Pattern NATIVE = Pattern.compile("(?i).*(\\.so(\\.\\d+)*|\\.dylib|\\.dll|\\.jnilib|\\.pdb|\\.dSYM/.*)$");
    /** Paths that say linux on x86-64 (glibc). */
    static final Pattern LINUX_X64 = Pattern.compile("(?i).*linux[-_/]?(x86[-_]64|x64|amd64).*");
    static final Pattern MUSL = Pattern.compile("(?i).*musl.*");
    /** Libraries the launcher points -Dsurvivor.native.dir, -Donnxruntime.native.path, -Djava.library.path at. */
    static final Pattern TO_NATIVE_DIR = Pattern.compile(
            "native/linux-x86_64/[^/]+|ai/onnxruntime/native/linux-x64/[^/]+\\.so|lib/libJ[A-Za-z]+-[0-9.]+-linux-x86_64\\.so");

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path nativeDir = Path.of(args[2]);
        Files.createDirectories(nativeDir);
        int content = 0; // entries kept besides directories and META-INF
        try (ZipFile zip = new ZipFile(in.toFile());
             ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                boolean isNative = !e.isDirectory() && NATIVE.matcher(name).matches();
                if (isNative && TO_NATIVE_DIR.matcher(name).matches()) {
                    try (InputStream is = zip.getInputStream(e)) {
                        Files.copy(is, nativeDir.resolve(Path.of(name).getFileName()),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    System.out.println("  native -> lib/native: " + name);
                    continue;
                }
                if (isNative && (!LINUX_X64.matcher(name).matches() || MUSL.matcher(name).matches())) {
                    System.out.println("  native dropped:       " + name);
                    continue;
                }
                if (isNative) {
                    System.out.println("  native kept in jar:   " + name);
                }
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(e.getTime());
                zos.putNextEntry(copy);
                if (!e.isDirectory()) {
                    try (InputStream is = zip.getInputStream(e)) {
                        is.transferTo(zos);
                    }
                }
                zos.closeEntry();
                if (!e.isDirectory() && !name.startsWith("META-INF/")) {
                    content++;
                }
            }
        }
        if (content == 0) { // the jar only carried natives
            Files.delete(out);
        }
    }

    private StripJar() {
    }

}
