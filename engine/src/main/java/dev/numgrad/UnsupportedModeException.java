package dev.numgrad;

/**
 * The requested gradient mode needs a capability the loss lacks, e.g. delta mode on a loss that
 * is not a {@code DeltaLoss}. numgrad never falls back silently to another mode: the caller asked
 * for a specific cost and accuracy.
 */
public final class UnsupportedModeException extends NumgradException {

    private static final long serialVersionUID = 1L;

    /**
     * A mode the loss cannot serve.
     *
     * @param mode the requested mode, as the CLI spells it (e.g. {@code "delta"})
     * @param lossName the loss's name
     * @param needed what the loss would have to provide
     */
    public UnsupportedModeException(String mode, String lossName, String needed) {
        super("mode " + mode + " needs " + needed + ", but loss '" + lossName + "' has none");
    }
}
