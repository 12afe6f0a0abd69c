package dev.numgrad.cluster;

import dev.numgrad.NumgradException;

/**
 * A cluster member cannot build the loss of a specification: its factory class is not on that
 * member's class path, is not a {@link LossFactory}, or failed, or the member cannot run the
 * requested kernels. Raised before any block runs; the message names the member.
 */
public final class LossUnavailableException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the member, the specification and the reason
     */
    public LossUnavailableException(String message) {
        super(message);
    }
}
