package dev.survivor.pipeline.hub;

import dev.survivor.common.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pipeline hub}: the control plane (server, operator commands, tokens, harness). */
@Command(name = "hub",
        mixinStandardHelpOptions = true,
        header = "Control plane: run the hub, manage tokens, inspect and steer connected pipeline components.",
        description = {"Components connect with --hub HOST:PORT --hub-token-file F (or PIPELINE_HUB and "
                + "PIPELINE_HUB_TOKEN_FILE)."},
        showDefaultValues = true,
        subcommands = {
                HubServeCommand.class,
                HubTokenCommand.class,
                HubStatusCommand.class,
                HubListCommand.class,
                HubInfoCommand.class,
                HubSetCommand.class,
                HubExecuteCommand.class,
                HubStopCommand.class,
                HubWrapCommand.class,
                HubRestartsCommand.class,
                HubHarnessCommand.class,
        })
public final class HubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
