package dev.survivor.pipeline;

import dev.survivor.common.ExitCodes;
import dev.survivor.kernels.api.BackendUnavailableException;
import dev.survivor.kernels.io.InputFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/** Maps failures to one-line messages and exit codes; stack traces only with {@code --verbose}. */
public final class ErrorReporting {
    private ErrorReporting() {
    }

    public static int exitCode(Throwable t) {
        if (t instanceof ExitException e) {
            return e.status();
        }
        if (t instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        if (t instanceof InputFileException || t instanceof IllegalArgumentException) {
            return ExitCodes.INVALID_INPUT;
        }
        if (t instanceof BackendUnavailableException) {
            return ExitCodes.UNAVAILABLE;
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return ExitCodes.IO_ERROR;
        }
        return ExitCodes.FAILURE;
    }

    static int handleExecution(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + message(ex));
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        } else if (exitCode(ex) == ExitCodes.FAILURE) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return exitCode(ex);
    }

    static int handleParameter(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The message, or the exception's class when it has none; unwraps UncheckedIOException. */
    public static String message(Throwable t) {
        Throwable m = t instanceof UncheckedIOException u && u.getMessage() == null ? u.getCause() : t;
        String msg = m.getMessage();
        return msg == null || msg.isBlank() ? m.getClass().getSimpleName() : msg;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
