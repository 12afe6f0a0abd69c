package dev.numgrad.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a subcommand reports: {@code --json} and {@code --progress} (a picocli mixin), and the
 * check every output file gets before the run.
 */
final class ReportOptions {

    @Option(names = "--json", description = "Print one JSON line instead of the summary.")
    boolean json;

    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "Show a progress bar on stderr. Default: only when stderr is a terminal and"
                    + " not with --json.")
    Boolean progress;

    /** --progress decides when given; otherwise a bar only on a terminal and not with --json. */
    boolean progressWanted() {
        return progressWanted(progress, json);
    }

    /**
     * The rule for commands that declare the two options themselves.
     *
     * @param progress --progress or --no-progress, null when neither was given
     * @param json whether --json was given
     */
    static boolean progressWanted(Boolean progress, boolean json) {
        if (progress != null) {
            return progress;
        }
        return !json && Terminal.stderrIsTerminal();
    }

    /**
     * A run that took minutes must not lose its output to a typo in the file name: the file's
     * directory must exist and the file must not be a directory. Nothing is written here.
     *
     * @param spec the command, for the error
     * @param option the option that named the file, for the error
     * @param file the file, or null when the option was not given
     * @throws ParameterException (exit 2, one line) naming the option and the file
     */
    static void checkOutputFile(CommandSpec spec, String option, Path file) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(),
                    option + " " + file + ": directory " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + " is a directory");
        }
    }
}
