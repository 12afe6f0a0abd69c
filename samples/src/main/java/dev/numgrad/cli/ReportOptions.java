package dev.numgrad.cli;

import picocli.CommandLine.Option;

/**
 * How a subcommand reports: {@code --json} and {@code --progress} (a picocli mixin). Output files
 * are checked by {@link OutputFiles}.
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
}
