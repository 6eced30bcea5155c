package dev.survivor.hub.wrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.params.ParameterType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpParserTest {
    static final String ARGPARSE_HELP = """
            usage: prog.py [-h] [-b BATCH_SIZE] [--mode {fast,slow}] [--verbose] [--rate RATE]
                           input

            positional arguments:
              input                 input file

            options:
              -h, --help            show this help message and exit
              -b BATCH_SIZE, --batch-size BATCH_SIZE
                                    seeds per batch (default: 64)
              --mode {fast,slow}    how to run (default: fast)
              --verbose             more output (default: False)
              --rate RATE           learning rate (default: 0.5)
              --label LABEL         free text
            """;

    @TempDir
    Path dir;

    @Test
    void argparseHelpGivesTypedParametersWithDefaults() {
        List<ParameterSpec> specs = new WrappedCommand(List.of("prog.py"), HelpParser.parse(ARGPARSE_HELP)).specs();
        assertArgparseSpecs(specs);
        assertThat(specs.get(4).name()).isEqualTo("label");
        assertThat(specs.get(4).type()).isEqualTo(ParameterType.STRING);
    }

    static void assertArgparseSpecs(List<ParameterSpec> specs) {
        assertThat(specs).extracting(ParameterSpec::name).startsWith("batch_size", "mode", "verbose", "rate");
        assertThat(specs.get(0).type()).isEqualTo(ParameterType.INT);
        assertThat(specs.get(0).defaultValue().asInt()).isEqualTo(64);
        assertThat(specs.get(1).type()).isEqualTo(ParameterType.CHOICE);
        assertThat(specs.get(1).choices()).containsExactly("fast", "slow");
        assertThat(specs.get(1).defaultValue().asText()).isEqualTo("fast");
        assertThat(specs.get(2).type()).isEqualTo(ParameterType.BOOL);
        assertThat(specs.get(2).defaultValue().asBoolean()).isFalse();
        assertThat(specs.get(3).type()).isEqualTo(ParameterType.FLOAT);
        assertThat(specs.get(3).defaultValue().asDouble()).isEqualTo(0.5);
    }

    @Test
    void picocliHelpIsReadToo() {
        String help = """
                Usage: tool [-hvV] [--count=<count>] [--algo=<algo>] FILE
                      FILE              input
                  -c, --count=<count>   how many
                                          Default: 5
                      --algo=<algo>     Valid values: xgb, lgbm. Default: lgbm
                      --dry-run         only print
                  -h, --help            Show this help message and exit.
                  -V, --version         Print version information and exit.
                """;
        List<WrappedOption> opts = HelpParser.parse(help);
        assertThat(opts).extracting(WrappedOption::name).containsExactly("count", "algo", "dry_run");
        WrappedCommand c = new WrappedCommand(List.of("tool", "--count=7", "in.bin"), opts);
        assertThat(c.specs().get(0).type()).isEqualTo(ParameterType.INT);
        assertThat(c.specs().get(0).defaultValue().asInt()).isEqualTo(5);
        assertThat(c.value("count").asInt()).isEqualTo(7);
        assertThat(c.specs().get(1).choices()).containsExactly("xgb", "lgbm");
        assertThat(c.specs().get(2).type()).isEqualTo(ParameterType.BOOL);
        assertThat(c.commandLine()).containsExactly("tool", "--count", "7", "in.bin");
    }

    @Test
    void commandLineKeepsOrderAndAppliesChanges() throws Exception {
        WrappedCommand c = new WrappedCommand(List.of("python3", "prog.py", "-b", "32", "--verbose", "in.txt"),
                HelpParser.parse(ARGPARSE_HELP));
        assertThat(c.value("batch_size").asInt()).isEqualTo(32);
        assertThat(c.value("verbose").asBoolean()).isTrue();
        assertThat(c.commandLine()).containsExactly("python3", "prog.py", "--batch-size", "32", "--verbose",
                "in.txt");
        c.set("batch_size", IntNode.valueOf(128));
        c.set("verbose", com.fasterxml.jackson.databind.node.BooleanNode.FALSE);
        c.set("mode", com.fasterxml.jackson.databind.node.TextNode.valueOf("slow"));
        assertThat(c.commandLine()).containsExactly("python3", "prog.py", "--batch-size", "128", "in.txt",
                "--mode", "slow");
        assertThatThrownBy(() -> c.set("mode", com.fasterxml.jackson.databind.node.TextNode.valueOf("warp")))
                .isInstanceOf(ParameterSpec.InvalidValueException.class);
        assertThatThrownBy(() -> new WrappedCommand(List.of("p", "--batch-size", "lots"),
                HelpParser.parse(ARGPARSE_HELP))).hasMessageContaining("--batch-size");
    }

    @Test
    void withoutParseableHelpTheGivenArgumentsAreTheParameters() {
        WrappedCommand c = new WrappedCommand(List.of("tool", "data.csv", "--epochs", "5", "--lr=0.01", "--fast"),
                HelpParser.parse("tool: no help here, sorry"));
        assertThat(c.specs()).extracting(ParameterSpec::name).containsExactly("epochs", "lr", "fast");
        assertThat(c.specs()).extracting(ParameterSpec::type)
                .containsExactly(ParameterType.INT, ParameterType.FLOAT, ParameterType.BOOL);
        assertThat(c.value("epochs").asInt()).isEqualTo(5);
        assertThat(c.commandLine()).containsExactly("tool", "data.csv", "--epochs", "5", "--lr", "0.01", "--fast");
    }

    @Test
    void realPythonArgparseHelp() throws Exception {
        Assumptions.assumeTrue(WrapEndToEndTest.hasPython(), "python3 not installed");
        Path prog = dir.resolve("prog.py");
        Files.writeString(prog, WrapEndToEndTest.PYTHON_PROG);
        List<WrappedOption> opts = Wrapper.discover(List.of("python3", prog.toString()), Duration.ofSeconds(30));
        assertArgparseSpecs(new WrappedCommand(List.of("python3", prog.toString()), opts).specs());
    }
}
