package dev.survivor.pipeline.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.hub.Hub;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.server.HubConfig;
import dev.survivor.pipeline.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real `pipeline hub wrap` and `pipeline hub restarts` commands against a real hub and a real program. */
@Timeout(90)
class HubWrapCliTest {
    @TempDir
    Path dir;

    @Test
    void wrapRestartsAFailingProgramPerPolicyAndReturnsItsStatus() throws Exception {
        Path tokens = dir.resolve("tokens.json");
        TokenStore ts = TokenStore.load(tokens);
        Path worker = dir.resolve("worker.token");
        Path op = dir.resolve("op.token");
        Files.writeString(worker, ts.add("workers", TokenStore.Role.CLIENT));
        Files.writeString(op, ts.add("ops", TokenStore.Role.OPERATOR));
        Path prog = dir.resolve("job.sh");
        Files.writeString(prog, """
                #!/bin/sh
                case "$*" in *--help*) printf 'usage: job [-h] [--epochs N]\\n\\noptions:\\n  -h, --help  show help\\n  --epochs N  passes (default: 2)\\n'; exit 0;; esac
                echo "working $*"
                echo '{"loss": 0.25}'
                exit 3
                """);
        HubConfig cfg = HubConfig.builder().port(0).database(dir.resolve("hub.db")).tokens(tokens).build();
        try (Hub hub = Hub.start(cfg, null)) {
            String addr = "127.0.0.1:" + hub.port();
            CliRun wrap = CliRun.of("hub", "wrap", "--name", "job-1", "--hub", addr, "--hub-token-file",
                    worker.toString(), "--restart", "on-failure", "--max-restarts", "2", "--backoff-ms", "50",
                    "--", "sh", prog.toString(), "--epochs", "5");
            assertThat(wrap.exitCode()).as(wrap.err()).isEqualTo(3);
            assertThat(wrap.err()).contains("job-1").contains("epochs=5");
            assertThat(hub.server().core().store().countEvents("restart")).isEqualTo(2);

            CliRun restarts = CliRun.of("hub", "restarts", "--hub", addr, "--hub-token-file", op.toString());
            assertThat(restarts.exitCode()).as(restarts.err()).isZero();
            assertThat(restarts.out()).contains("job-1").contains("wrap").contains("exit 3").contains("2/2")
                    .contains("1/2");
        }
        CliRun help = CliRun.of("hub", "wrap", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--restart").contains("--max-restarts").contains("COMMAND");
        CliRun badPolicy = CliRun.of("hub", "wrap", "--restart", "sometimes", "--", "true");
        assertThat(badPolicy.exitCode()).isEqualTo(64);
        assertThat(badPolicy.err()).contains("never").contains("on-failure");
    }
}
