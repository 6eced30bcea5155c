package dev.survivor.pipeline.hub;

import dev.survivor.common.ExitCodes;
import dev.survivor.hub.auth.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline hub token add|remove|list}: manage the hub's token file (salted hashes only). */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        header = "Create, remove or list hub access tokens.",
        showDefaultValues = true,
        subcommands = {HubTokenCommand.Add.class, HubTokenCommand.Remove.class, HubTokenCommand.ListTokens.class})
public final class HubTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, showDefaultValues = true,
            header = "Create a token NAME; prints it once (only its salted hash is stored).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Token name (1-64 of A-Z a-z 0-9 _ . @ -); re-adding rotates it.")
        String name;

        @Option(names = "--operator", description = "May change parameters and start/stop scripts.")
        boolean operator;

        @Option(names = "--tokens", defaultValue = "tokens.json", description = "Token file of the hub.")
        Path tokens;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Also write the token to FILE (mode 600) for --hub-token-file.")
        Path out;

        @Override
        public Integer call() throws IOException {
            String token = TokenStore.load(tokens).add(name, operator ? TokenStore.Role.OPERATOR : TokenStore.Role.CLIENT);
            if (out != null) {
                Files.deleteIfExists(out);
                Files.createFile(out);
                try {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // non-POSIX file system
                }
                Files.writeString(out, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            }
            spec.commandLine().getOut().println(token);
            spec.commandLine().getErr().printf("token '%s' (%s) added to %s%s; it is not shown again%n", name,
                    operator ? "operator" : "client", tokens, out == null ? "" : " and written to " + out);
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, showDefaultValues = true,
            header = "Remove token NAME.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--tokens", defaultValue = "tokens.json", description = "Token file of the hub.")
        Path tokens;

        @Override
        public Integer call() throws IOException {
            if (!TokenStore.load(tokens).remove(name)) {
                throw new IllegalArgumentException(tokens + ": no token named '" + name + "'");
            }
            spec.commandLine().getOut().println("removed " + name);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, showDefaultValues = true,
            header = "List token names and roles (never the tokens).")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tokens", defaultValue = "tokens.json", description = "Token file of the hub.")
        Path tokens;

        @Override
        public Integer call() throws IOException {
            for (TokenStore.Entry e : TokenStore.load(tokens).entries()) {
                spec.commandLine().getOut().printf("%-24s %-8s %s%n", e.name(), e.role().name().toLowerCase(),
                        e.created());
            }
            return ExitCodes.OK;
        }
    }
}
