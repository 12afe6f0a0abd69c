package dev.numgrad.cluster;

import dev.numgrad.NumgradException;

/** A loss specification that does not parse: the message quotes it and says what is wrong. */
public final class LossSpecException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param spec the specification as given
     * @param problem what is wrong with it
     */
    public LossSpecException(String spec, String problem) {
        super("loss specification '" + spec + "': " + problem);
    }

    /**
     * Creates the exception.
     *
     * @param spec the specification as given
     * @param problem what is wrong with it
     * @param cause the parser's own error
     */
    public LossSpecException(String spec, String problem, Throwable cause) {
        super("loss specification '" + spec + "': " + problem, cause);
    }
}
