package dev.numgrad.cli.cost;

/** What {@code numgrad cost} times at each size, in the order it times them. */
public enum CostMethod {

    /** One loss evaluation f(x), single-threaded: the unit every other cost is made of. */
    LOSS("loss evaluation"),
    /** One exact gradient by backpropagation, single-threaded: the reference. */
    BACKPROP("backprop gradient"),
    /** One central-difference gradient by delta evaluation (changed terms only). */
    DELTA("delta central gradient"),
    /** One central-difference gradient evaluating the whole loss for every probe. */
    BLACK_BOX("black-box central gradient");

    private final String label;

    CostMethod(String label) {
        this.label = label;
    }

    /**
     * What it is, for legends and progress: e.g. "black-box central gradient".
     *
     * @return the label
     */
    public String label() {
        return label;
    }
}
