package dev.survivor.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real process trees started with sh: the grandchild must be gone too, whether it honours SIGTERM or not. */
@Timeout(60)
class ProcessTreeTest {

    /** Starts sh with a background grandchild that prints "ready" once set up, and waits for that line. */
    private static Process tree(String grandchild) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", grandchild + " & wait").start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return p;
    }

    @Test
    void aTreeThatHonoursTermStopsWithinTheGrace() throws Exception {
        Process p = tree("sh -c 'echo ready; exec sleep 60'");
        List<ProcessHandle> all = p.descendants().toList();
        assertThat(all).isNotEmpty();
        assertThat(ProcessTree.stop(p, Duration.ofSeconds(10))).isFalse();
        assertThat(p.isAlive()).isFalse();
        assertThat(all).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aGrandchildIgnoringTermIsKilledAfterTheGrace() throws Exception {
        Process p = tree("sh -c 'trap \"\" TERM; echo ready; while :; do sleep 0.05; done'");
        List<ProcessHandle> all = p.descendants().toList();
        assertThat(ProcessTree.stop(p.toHandle(), Duration.ofMillis(300))).isTrue();
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(all).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void describesSignalsAndExits() {
        assertThat(ProcessTree.describe(137)).isEqualTo("signal 9");
        assertThat(ProcessTree.describe(3)).isEqualTo("exit 3");
    }
}
