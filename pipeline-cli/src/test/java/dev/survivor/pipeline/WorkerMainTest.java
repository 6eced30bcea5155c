package dev.survivor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The worker bundle's command set: what a node runs, and none of the commands that need the model libraries. */
class WorkerMainTest {

    @Test
    void theWorkerHasScoreDoctorAndBenchOnly() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = WorkerMain.commandLine(new PrintWriter(out), new PrintWriter(err));
        assertThat(cl.getSubcommands().keySet()).containsExactlyInAnyOrder("help", "score", "doctor", "bench");
        assertThat(cl.execute("step5")).isEqualTo(dev.survivor.common.ExitCodes.USAGE);
        assertThat(err.toString()).contains("'step5'");
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("pipeline ");
    }
}
