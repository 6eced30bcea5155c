package dev.survivor.hub.supervise;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;

/**
 * When a supervised process is started again: {@code never}, or {@code on-failure} (non-zero exit, death by a
 * signal, or missed heartbeats; never after an operator's stop) at most {@code maxRestarts} times. The wait before
 * restart n (1-based) is {@code backoff · 2^(n-1)}, capped at {@code maxBackoff}.
 */
public record RestartPolicy(Mode mode, int maxRestarts, Duration backoff, Duration maxBackoff) {
    public static final RestartPolicy NEVER = new RestartPolicy(Mode.NEVER, 0, Duration.ZERO, Duration.ZERO);
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);

    public enum Mode { NEVER, ON_FAILURE }

    public RestartPolicy {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("max_restarts must be >= 0, got " + maxRestarts);
        }
        if (backoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be >= 0");
        }
    }

    public static RestartPolicy onFailure(int maxRestarts, Duration backoff) {
        return new RestartPolicy(Mode.ON_FAILURE, maxRestarts, backoff, DEFAULT_MAX_BACKOFF.compareTo(backoff) < 0
                ? backoff : DEFAULT_MAX_BACKOFF);
    }

    /** {@code never} or {@code on-failure} (also {@code on_failure}). */
    public static Mode mode(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "never", "no" -> Mode.NEVER;
            case "on-failure" -> Mode.ON_FAILURE;
            default -> throw new IllegalArgumentException("restart policy must be 'never' or 'on-failure', got '"
                    + s + "'");
        };
    }

    /**
     * Parses {@code {"policy": "on-failure", "max_restarts": 3, "backoff_ms": 1000, "max_backoff_ms": 60000}};
     * {@code where} names the JSON location for error messages. Null or missing means {@link #NEVER}.
     */
    public static RestartPolicy fromJson(JsonNode n, String where) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return NEVER;
        }
        if (n.isTextual()) {
            return of(mode(n.asText()), 3, DEFAULT_BACKOFF, DEFAULT_MAX_BACKOFF);
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + ": expected {\"policy\": \"never|on-failure\", "
                    + "\"max_restarts\": N, \"backoff_ms\": MS}");
        }
        try {
            Mode m = mode(n.path("policy").asText("on-failure"));
            int max = intField(n, "max_restarts", 3, where);
            long back = intField(n, "backoff_ms", (int) DEFAULT_BACKOFF.toMillis(), where);
            long cap = intField(n, "max_backoff_ms", (int) DEFAULT_MAX_BACKOFF.toMillis(), where);
            return of(m, max, Duration.ofMillis(back), Duration.ofMillis(Math.max(cap, back)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage()
                    : where + ": " + e.getMessage(), e);
        }
    }

    private static RestartPolicy of(Mode m, int max, Duration backoff, Duration cap) {
        return m == Mode.NEVER ? NEVER : new RestartPolicy(m, max, backoff, cap);
    }

    private static int intField(JsonNode n, String field, int dflt, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw new IllegalArgumentException(where + "." + field + ": expected a non-negative integer, got " + v);
        }
        return v.asInt();
    }

    /** Whether a process that ended this way, after {@code restartsSoFar} restarts, is started again. */
    public boolean restarts(boolean failed, int restartsSoFar) {
        return mode == Mode.ON_FAILURE && failed && restartsSoFar < maxRestarts;
    }

    /** The wait before restart number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        long ms = backoff.toMillis();
        for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, Math.max(maxBackoff.toMillis(), backoff.toMillis())));
    }

    public JsonNode toJson() {
        return dev.survivor.hub.protocol.MessageCodec.JSON.createObjectNode()
                .put("policy", mode == Mode.NEVER ? "never" : "on-failure").put("max_restarts", maxRestarts)
                .put("backoff_ms", backoff.toMillis()).put("max_backoff_ms", maxBackoff.toMillis());
    }
}
