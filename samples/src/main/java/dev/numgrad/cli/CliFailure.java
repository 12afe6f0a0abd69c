package dev.numgrad.cli;

import picocli.CommandLine;

/**
 * A failure of a command that is not a bug and has a message a user can act on, e.g. the
 * gradient cannot be written to --dump's file, the heap ran out despite the estimate, or the run
 * was interrupted; with the exit status it ends the command with.
 */
public final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * A failure with a message for the user, printed as one line with exit status 1.
     *
     * @param message what failed and on which value or file
     * @param cause the underlying exception, or null
     */
    public CliFailure(String message, Throwable cause) {
        this(message, cause, CommandLine.ExitCode.SOFTWARE);
    }

    /**
     * A failure that ends the command with its own exit status, e.g. 130 for Ctrl-C.
     *
     * @param message what happened, for the user
     * @param cause the underlying exception, or null
     * @param exitCode the exit status of the command
     */
    public CliFailure(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * The exit status the command ends with.
     *
     * @return 1, or the status given at construction
     */
    public int exitCode() {
        return exitCode;
    }
}
