package dev.numgrad.cli;

/**
 * A failure of a command that is not a bug and has a message a user can act on, e.g. the
 * gradient cannot be written to --dump's file, or the heap ran out despite the estimate.
 */
final class CliFailure extends RuntimeException {

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
