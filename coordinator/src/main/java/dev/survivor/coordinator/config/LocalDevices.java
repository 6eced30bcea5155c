package dev.survivor.coordinator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Cheap local GPU detection for {@code "backend": "auto"}: counts device nodes, loads no driver.
 * NVIDIA: /dev/nvidia0..N; AMD: /dev/kfd plus one /dev/dri/renderD* per GPU; otherwise CPU with one slot.
 */
public record LocalDevices(Backend backend, int count) {

    public static LocalDevices detect() {
        return detect(Path.of("/dev"));
    }

    static LocalDevices detect(Path dev) {
        int nvidia = count(dev, "nvidia[0-9]+");
        if (nvidia > 0) {
            return new LocalDevices(Backend.CUDA, nvidia);
        }
        if (Files.exists(dev.resolve("kfd"))) {
            int render = count(dev.resolve("dri"), "renderD[0-9]+");
            if (render > 0) {
                return new LocalDevices(Backend.ROCM, render);
            }
        }
        return new LocalDevices(Backend.CPU, 1);
    }

    private static int count(Path dir, String regex) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> p.getFileName().toString().matches(regex)).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
