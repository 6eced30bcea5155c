package dev.survivor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.survivor.common.ExitCodes;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void bareCommandPrintsUsageWithEverySubcommand() {
        CliRun r = CliRun.of();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: pipeline").contains("score").contains("demo").contains("bench")
                .contains("doctor");
    }

    @Test
    void versionComesFromTheFilteredResource() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("pipeline ").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"score"}, {"demo"}, {"bench"}, {"bench", "step3"}, {"doctor"}}) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: pipeline " + String.join(" ", cmd));
        }
    }

    @Test
    void unknownCommandAndOptionAreUsageErrors() {
        CliRun r = CliRun.of("scroe");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("scroe").contains("score").contains("--help");
        CliRun s = CliRun.of("doctor", "--bogus");
        assertThat(s.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(s.err()).contains("--bogus");
    }
}
