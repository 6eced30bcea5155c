package dev.survivor.coordinator.exec;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One worker invocation on a node: working directory, extra environment, argv.
 * {@link #toShell()} is the exact string an SSH node runs (also what dry-run prints).
 */
public record WorkerCommand(String workdir, Map<String, String> env, List<String> argv, String staleOutput) {
    public WorkerCommand {
        env = Map.copyOf(new java.util.TreeMap<>(env));
        argv = List.copyOf(argv);
    }

    /**
     * {@code rm -f 'stale output' && cd 'dir' && exec env K='v' … 'argv0' 'arg1' …}: the old output goes first,
     * so a file from an earlier attempt can never pass for this one's.
     */
    public String toShell() {
        StringBuilder sb = new StringBuilder();
        if (staleOutput != null) {
            sb.append("rm -f ").append(quote(staleOutput)).append(" && ");
        }
        sb.append("cd ").append(quote(workdir)).append(" && exec ");
        if (!env.isEmpty()) {
            sb.append("env ");
            new java.util.TreeMap<>(env).forEach((k, v) -> sb.append(k).append('=').append(quote(v)).append(' '));
        }
        sb.append(argv.stream().map(WorkerCommand::quote).collect(Collectors.joining(" ")));
        return sb.toString();
    }

    /** argv as one readable line (quoting only where needed). */
    public String commandLine() {
        return argv.stream().map(a -> a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : quote(a))
                .collect(Collectors.joining(" "));
    }

    /** POSIX single-quote quoting. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
