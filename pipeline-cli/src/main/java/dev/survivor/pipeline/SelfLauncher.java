package dev.survivor.pipeline;

import dev.survivor.coordinator.exec.WorkerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts this very application again as a separate process: the same JVM binary and class path (the shaded jar,
 * or a build tree's class path in tests), so a child always runs the same code as its parent.
 */
public final class SelfLauncher {
    private SelfLauncher() {
    }

    /**
     * This JVM's options that a child must share so that it behaves the same: the launcher's flags for the
     * libraries (Unsafe access, where natives load from, logging, headless charts), never heap or agent options.
     */
    private static final List<String> INHERITED = List.of("--sun-misc-unsafe-memory-access=", "-Donnxruntime.native.path=",
            "-Djava.library.path=", "-Dsurvivor.", "-Dorg.slf4j.simpleLogger.", "-Djava.awt.headless=");

    /** {@code java --enable-native-access=ALL-UNNAMED INHERITED JVM_ARGS -cp CLASSPATH dev.survivor.pipeline.Main}. */
    public static List<String> command(List<String> jvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED.stream().anyMatch(a::startsWith)) {
                cmd.add(a);
            }
        }
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        return cmd;
    }

    /** Writes an executable {@code pipeline}-style launcher script that runs {@link #command} with its arguments. */
    public static Path writeScript(Path file, String... jvmArgs) throws IOException {
        StringBuilder sh = new StringBuilder("#!/bin/sh\n# Runs this build of the survivor pipeline.\nexec");
        for (String a : command(List.of(jvmArgs))) {
            sh.append(' ').append(WorkerCommand.quote(a));
        }
        sh.append(" \"$@\"\n");
        Files.writeString(file, sh);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file.toAbsolutePath();
    }
}
