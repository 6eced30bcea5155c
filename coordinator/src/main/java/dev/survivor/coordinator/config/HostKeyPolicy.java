package dev.survivor.coordinator.config;

/**
 * Host-key checking against known_hosts. There is deliberately no "off": {@code ACCEPT_NEW} records
 * an unknown host's key on first contact (like OpenSSH {@code StrictHostKeyChecking=accept-new}) and
 * still refuses a changed key.
 */
public enum HostKeyPolicy {
    STRICT, ACCEPT_NEW;

    public static HostKeyPolicy parse(String s) {
        return switch (s) {
            case "strict" -> STRICT;
            case "accept-new" -> ACCEPT_NEW;
            default -> throw new IllegalArgumentException("expected \"strict\" or \"accept-new\", found \"" + s + "\"");
        };
    }
}
