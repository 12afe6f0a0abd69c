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
        if (progress != null) {
            return progress;
        }
        return !json && Terminal.stderrIsTerminal();
    }
}
