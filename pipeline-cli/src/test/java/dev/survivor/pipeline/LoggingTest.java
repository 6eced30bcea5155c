package dev.survivor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LoggingTest {

    @Test
    void stampedLinesCarryTimeLevelAndName() {
        StringWriter sink = new StringWriter();
        PrintWriter w = Logging.stamped(new PrintWriter(sink), "step3");
        w.printf("Run r1: 2 job(s) to run%n");
        w.println("  ✗ job_1 → node1:GPU0 (1.0s) exit: boom — will retry");
        w.print("partial");
        w.close();
        String[] lines = sink.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO] step3 - Run r1: 2 job\\(s\\) to run");
        assertThat(lines[1]).contains(" [WARN] step3 -   ✗ job_1");
        assertThat(lines[2]).endsWith("[INFO] step3 - partial");
    }

    @Test
    void theApplicationHasOneSlf4jProviderAndBridgesJul() {
        Logging.configure();
        assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
        assertThat(org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()).isTrue();
        assertThat(org.slf4j.LoggerFactory.getLogger("ai.djl.pytorch").isInfoEnabled()).as("libraries from WARN").isFalse();
        assertThat(org.slf4j.LoggerFactory.getLogger("dev.survivor.hub.HubServer").isInfoEnabled()).isTrue();
    }
}
