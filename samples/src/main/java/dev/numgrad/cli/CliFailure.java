package dev.numgrad.cli;

/**
 * A failure of a command that is not a bug and has a message a user can act on, e.g. the
 * gradient cannot be written to --dump's file, or the heap ran out despite the estimate.
 */
public final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with a message for the user, printed as one line with exit status 1.
     *
     * @param message what failed and on which value or file
     * @param cause the underlying exception, or null
     */
    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
