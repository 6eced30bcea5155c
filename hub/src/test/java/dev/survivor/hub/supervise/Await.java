package dev.survivor.hub.supervise;

import java.util.function.BooleanSupplier;

/** Polling with a deadline generous enough for a loaded 2-core machine. */
public final class Await {
    private Await() { }

    public static void awaitTrue(BooleanSupplier cond) throws InterruptedException {
        awaitTrue(30, cond);
    }

    public static void awaitTrue(int seconds, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
