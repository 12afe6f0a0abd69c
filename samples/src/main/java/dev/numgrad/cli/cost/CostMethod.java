package dev.numgrad.cli.cost;

/** What {@code numgrad cost} times at each size, in the order it times them. */
public enum CostMethod {

    /** One loss evaluation f(x), single-threaded: the unit every other cost is made of. */
    LOSS("loss evaluation", "loss"),
    /** One exact gradient by backpropagation, single-threaded: the reference. */
    BACKPROP("backprop gradient", "backprop"),
    /** One central-difference gradient by delta evaluation (changed terms only). */
    DELTA("delta central gradient", "delta"),
    /** One central-difference gradient evaluating the whole loss for every probe. */
    BLACK_BOX("black-box central gradient", "black-box");

    private final String label;
    private final String shortLabel;

    CostMethod(String label, String shortLabel) {
        this.label = label;
        this.shortLabel = shortLabel;
    }

    /**
     * What it is, for legends and progress: e.g. "black-box central gradient".
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The column name, for tables and the progress bar: e.g. "black-box".
     *
     * @return the short label
     */
    public String shortLabel() {
        return shortLabel;
    }
}
