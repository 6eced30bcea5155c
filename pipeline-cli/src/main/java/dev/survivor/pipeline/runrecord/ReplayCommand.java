package dev.survivor.pipeline.runrecord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.ExitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline replay RUN_RECORD}: run a recorded score / step3 / step5 / step6 again, the same way. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        header = "Re-run a recorded run (a *.run.json / run_record.json written by score, step3, step5, step6).",
        description = {
                "Checks every recorded input's sha256 against the file now, then runs the same command with the "
                        + "same arguments in the recorded working directory, as a new process of this pipeline. "
                        + "Live parameter changes made through the hub during the recorded run are replayed as their "
                        + "final values on the command line. The replay writes its own run record (with replay_of "
                        + "naming the original run) where the original was written; the original record is kept "
                        + "beside it as NAME.<run id>.run.json. Outputs are overwritten, as a re-run would.",
                "Exit codes: the replayed command's status; 65 when the record is invalid or an input changed "
                        + "(without --allow-changed-inputs), also with --dry-run; 64 bad options."},
        showDefaultValues = true,
        sortOptions = false)
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_RECORD", description = "The run record (JSON) to replay.")
    Path recordFile;

    @Option(names = "--dry-run", description = "Print the command that would run and the input check; run nothing, "
            + "write nothing.")
    boolean dryRun;

    @Option(names = "--allow-changed-inputs",
            description = "Replay even when an input's sha256 differs from the recorded one or it is missing.")
    boolean allowChanged;

    @Option(names = "--no-hub", description = "Drop --hub, --hub-token-file and --hub-client-id (and PIPELINE_HUB*) "
            + "so the replay runs without the hub the original reported to.")
    boolean noHub;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordedRun run = RecordedRun.read(recordFile);
        List<InputCheck> checks = InputCheck.verify(run.inputs());
        List<String> argv = ReplayArgs.build(run.argv(), run.finalLiveValues(), noHub);

        out.printf("Run record: %s (run %s, command %s, exit status %s, started %s)%n", recordFile, run.runId(),
                run.command(), run.json().path("exit_status").asText("?"), run.json().path("started_at").asText("?"));
        out.println("Working directory: " + run.workingDirectory());
        out.println((dryRun ? "Would run: " : "Command: ") + "pipeline " + ReplayArgs.shellQuoted(argv));
        run.finalLiveValues().forEach((opt, v) -> out.println("  live change replayed: " + opt + " " + v.asText()
                + " (final value during the recorded run)"));
        notes(run, out);
        InputCheck.printTable(checks, out);
        out.flush();

        List<InputCheck> changed = checks.stream().filter(c -> !c.ok()).toList();
        if (!changed.isEmpty()) {
            if (!allowChanged) {
                StringBuilder m = new StringBuilder("refusing to replay run " + run.runId() + ": " + changed.size()
                        + " input(s) changed since it was recorded:");
                changed.forEach(c -> m.append("\n  ").append(c.describe()));
                m.append("\nPass --allow-changed-inputs to replay anyway.");
                throw new ExitException(ExitCodes.INVALID_INPUT, m.toString());
            }
            err.println("warning: replaying with " + changed.size() + " changed input(s) (--allow-changed-inputs)");
            err.flush();
        }
        if (dryRun) {
            out.println("Dry run: nothing was run or written.");
            out.flush();
            return ExitCodes.OK;
        }
        if (!Files.isDirectory(run.workingDirectory())) {
            throw new ExitException(ExitCodes.INVALID_INPUT, recordFile + ": field 'working_directory' "
                    + run.workingDirectory() + " is not a directory here; relative paths in argv resolve against it");
        }
        Map<String, String> env = new HashMap<>();
        env.put(RunRecorder.REPLAY_ENV, run.command() + ":" + run.runId());
        if (noHub) {
            env.put("PIPELINE_HUB", null);
            env.put("PIPELINE_HUB_TOKEN_FILE", null);
        }
        int status = ChildPipeline.run(argv, run.workingDirectory(), env, out, err);
        reportNewRecord(run, status, out);
        return status;
    }

    private static void notes(RecordedRun run, PrintWriter out) {
        if (run.command().equals("step3") && run.argv().stream().anyMatch(a -> a.equals("--run-id")
                || a.startsWith("--run-id="))) {
            out.println("  note: step3 with --run-id resumes that run: jobs whose outputs are still valid are not "
                    + "run again (remove the run directory first for a full re-run).");
        }
        String recorded = run.json().path("versions").path("pipeline").asText(null);
        String now = dev.survivor.pipeline.VersionProvider.version();
        if (recorded != null && !recorded.equals(now)) {
            out.println("  note: recorded with pipeline " + recorded + ", replaying with " + now
                    + " (option defaults may differ)");
        }
    }

    /** Points at the replay's record and says which resolved option values differ from the original's. */
    private static void reportNewRecord(RecordedRun run, int status, PrintWriter out) {
        Path f = run.recordFile();
        JsonNode replay = null;
        if (f != null && Files.isRegularFile(f)) {
            try {
                replay = RecordJson.MAPPER.readTree(f.toFile());
            } catch (IOException e) {
                replay = null;
            }
        }
        if (replay == null || !run.runId().equals(replay.path("replay_of").asText(null))) {
            out.printf("Replay finished with exit status %d (no new run record found at %s)%n", status, f);
            out.flush();
            return;
        }
        out.printf("Replay finished with exit status %d; run record %s (run %s, replay_of %s)%n", status, f,
                replay.path("run_id").asText(), run.runId());
        JsonNode before = run.json().path("options");
        JsonNode after = replay.path("options");
        for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!before.get(name).equals(after.get(name)) && !run.finalLiveValues().containsKey(name)) {
                out.printf("  note: %s was %s, now %s%n", name, before.get(name), after.get(name));
            }
        }
        String b1 = run.json().path("backend").asText(null);
        String b2 = replay.path("backend").asText(null);
        if (b1 != null && b2 != null && !b1.equals(b2)) {
            out.printf("  note: backend was %s, now %s%n", b1, b2);
        }
        out.flush();
    }
}
