package dev.survivor.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local host name, as Python's socket.gethostname() reports it (no DNS lookup on Linux). */
public final class Hosts {
    private Hosts() {
    }

    public static String hostname() {
        try { // the kernel's name, what gethostname(2) returns
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the resolver below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
