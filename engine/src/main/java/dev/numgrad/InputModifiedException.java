package dev.numgrad;

/**
 * A loss evaluator (or a descent's gradient source) wrote into the parameter vector it was given.
 * Evaluators must treat x as read-only: numgrad hands each worker a private copy and perturbs one
 * coordinate at a time, so a write elsewhere would silently corrupt every later derivative (and,
 * in a descent, the iterate). numgrad compares its copy with the validated x after every range of
 * coordinates (and after every descent evaluation) and stops with this exception at the first
 * difference.
 */
public final class InputModifiedException extends NumgradException {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final double before;
    private final double after;

    private InputModifiedException(String message, int index, double before, double after) {
        super(message);
        this.index = index;
        this.before = before;
        this.after = after;
    }

    /**
     * A loss's evaluator modified x while numgrad evaluated it.
     *
     * @param lossName the loss's name
     * @param index the first modified entry of x
     * @param before its value as given
     * @param after its value after the evaluations
     * @param during what numgrad was evaluating, e.g. "coordinates [8, 16) were differenced"
     * @return the exception
     */
    public static InputModifiedException byLoss(String lossName, int index, double before, double after,
            String during) {
        return new InputModifiedException("loss '" + lossName + "' modified x[" + index + "] (" + before + " -> "
                + after + ") while " + during + "; an evaluator must not write into the x it is given",
                index, before, after);
    }

    /**
     * A descent's gradient source modified the iterate it was asked to evaluate.
     *
     * @param source the source, as its {@code toString()} describes it
     * @param iterate the iterate being evaluated
     * @param index the first modified entry
     * @param before its value as given
     * @param after its value after the evaluation
     * @return the exception
     */
    public static InputModifiedException bySource(String source, int iterate, int index, double before, double after) {
        return new InputModifiedException(source + " modified x[" + index + "] (" + before + " -> " + after
                + ") while evaluating iterate " + iterate + "; a gradient source must not write into the x it is"
                + " given", index, before, after);
    }

    /** {@return the first modified entry of x} */
    public int index() {
        return index;
    }

    /** {@return that entry's value as given} */
    public double before() {
        return before;
    }

    /** {@return that entry's value after the evaluation} */
    public double after() {
        return after;
    }
}
