package dev.numgrad.cluster;

import dev.numgrad.NumgradException;

/**
 * The loss failed while a member computed a block of coordinates: it threw, or returned NaN or
 * ±∞, or a step was invalid. The message is the member's own error (which names the coordinate),
 * prefixed by the member's address; the same failure would have happened locally, so the block
 * is not retried elsewhere.
 */
public final class BlockFailedException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /** The class name of the member's exception (the class may not exist in the caller's JVM). */
    private final String remoteType;

    /**
     * Creates the exception.
     *
     * @param member the member's address
     * @param remoteType the class name of the member's exception
     * @param remoteMessage the member's message
     */
    public BlockFailedException(String member, String remoteType, String remoteMessage) {
        super("on member " + member + ": " + remoteMessage);
        this.remoteType = remoteType;
    }

    /**
     * The class name of the exception the member saw, e.g. {@code dev.numgrad.NonFiniteLossException}.
     *
     * @return the class name of the exception the member saw, e.g.
     *     {@code dev.numgrad.NonFiniteLossException}
     */
    public String remoteType() {
        return remoteType;
    }
}
