package dev.numgrad.cluster;

import dev.numgrad.NumgradException;

/**
 * A cluster gradient cannot finish: no member is left to compute its remaining blocks, its
 * timeout was reached, or a block failed on every member it was sent to. The message says
 * how many blocks were unfinished.
 */
public final class ClusterUnavailableException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and how much of the gradient was unfinished
     */
    public ClusterUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed and how much of the gradient was unfinished
     * @param cause the last infrastructure error seen
     */
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
