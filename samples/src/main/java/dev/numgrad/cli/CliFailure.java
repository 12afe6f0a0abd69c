package dev.numgrad.cli;

import picocli.CommandLine;

/**
 * A failure of a command that is not a bug and has a message a user can act on, e.g. the
 * gradient cannot be written to --dump's file, the heap ran out despite the estimate, or the run
 * was interrupted; with the exit status it ends the command with.
 */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    /** A failure of the computation: exit status 1. */
    CliFailure(String message, Throwable cause) {
        this(message, cause, CommandLine.ExitCode.SOFTWARE);
    }

    /** A failure that ends the command with {@code exitCode}, e.g. 130 for Ctrl-C. */
    CliFailure(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit status the command ends with. */
    int exitCode() {
        return exitCode;
    }
}
