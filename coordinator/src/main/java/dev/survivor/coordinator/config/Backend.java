package dev.survivor.coordinator.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a node's GPUs are made visible to one worker (docs/decisions.md C3: by declared backend, never by host name). */
public enum Backend {
    CUDA, ROCM, CPU;

    /** Environment that restricts the worker to GPU {@code gpu}; empty for CPU nodes. */
    public Map<String, String> visibilityEnv(int gpu) {
        Map<String, String> env = new LinkedHashMap<>();
        String id = Integer.toString(gpu);
        switch (this) {
            case CUDA -> env.put("CUDA_VISIBLE_DEVICES", id);
            case ROCM -> {
                env.put("HIP_VISIBLE_DEVICES", id);
                env.put("ROCR_VISIBLE_DEVICES", id);
            }
            case CPU -> {
            }
        }
        return env;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
