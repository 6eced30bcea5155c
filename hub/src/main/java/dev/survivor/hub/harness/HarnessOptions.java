package dev.survivor.hub.harness;

import java.time.Duration;

/**
 * Harness settings. {@code clients} and {@code sharesPerClient} apply to the stress test (200 × 50 by default);
 * the other scenarios run for {@code duration}, each client sharing one result every {@code shareInterval}.
 */
public record HarnessOptions(Scenario scenario, Duration duration, int clients, int sharesPerClient,
                             Duration shareInterval, Duration sampleInterval) {

    public HarnessOptions {
        if (clients < 1 || sharesPerClient < 1) {
            throw new IllegalArgumentException("clients and sharesPerClient must be >= 1");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
    }

    public static HarnessOptions defaults(Scenario s, Duration duration) {
        return new HarnessOptions(s, duration, 200, 50, Duration.ofMillis(200), Duration.ofMillis(250));
    }

    public HarnessOptions withStress(int clients, int sharesPerClient) {
        return new HarnessOptions(scenario, duration, clients, sharesPerClient, shareInterval, sampleInterval);
    }
}
