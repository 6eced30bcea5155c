package dev.survivor.coordinator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process checks for tests. */
public final class Processes {
    private Processes() {
    }

    /**
     * True while {@code pid} runs. A zombie (killed, not yet reaped — containers without an init reap
     * orphans late) counts as not running.
     */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException e) {
            return false;
        }
    }
}
