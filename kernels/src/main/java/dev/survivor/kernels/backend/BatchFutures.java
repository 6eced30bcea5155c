package dev.survivor.kernels.backend;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the slices of one batch that CPU backends spread over their thread pools. */
public final class BatchFutures {
    private BatchFutures() {
    }

    /**
     * Waits for every future; rethrows the first failure (unchecked ones as they are, so a bad-input
     * message reaches the user unchanged). On interrupt, cancels the rest.
     *
     * @param what names the work in wrapped messages, e.g. "native scoring"
     */
    public static void awaitAll(List<? extends Future<?>> futures, String what) {
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new IllegalStateException("interrupted during " + what, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof RuntimeException re ? re
                            : new IllegalStateException(what + " failed: " + cause, cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
