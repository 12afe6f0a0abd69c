package dev.numgrad;

/**
 * The root of every error numgrad reports about its input or a loss it evaluates. Each kind of
 * error has its own subtype whose message names the offending value or index, so a caller can
 * catch one kind or all of them.
 */
public class NumgradException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that names the offending value.
     *
     * @param message the message
     */
    protected NumgradException(String message) {
        super(message);
    }

    /**
     * An error with a message and the exception that caused it.
     *
     * @param message the message
     * @param cause the cause, kept for the stack trace
     */
    protected NumgradException(String message, Throwable cause) {
        super(message, cause);
    }
}
