package dev.survivor.pipeline.models;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Thread counts of the model commands: 0 means all cores; more threads than cores only slow native libraries
 * down (and a huge count crashed LightGBM), so a larger request is capped at the core count with a warning.
 */
final class ModelThreads {
    private ModelThreads() {
    }

    static int resolve(CommandSpec spec, int requested, String option) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (requested < 0) {
            throw new ParameterException(spec.commandLine(), option + " must be ≥ 0 (0 = all " + cores
                    + " cores), got " + requested);
        }
        if (requested == 0) {
            return cores;
        }
        if (requested > cores) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": warning: " + option + " " + requested + " is more than the " + cores
                    + " cores of this machine; using " + cores);
            err.flush();
            return cores;
        }
        return requested;
    }
}
