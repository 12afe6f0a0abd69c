package dev.numgrad.gradient;

import java.util.Locale;

/** How the engine evaluates the loss along one coordinate. */
public enum Mode {

    /** Full loss evaluations f(x + s·eᵢ): works for any {@link dev.numgrad.loss.Loss}. */
    BLACK_BOX("blackbox"),

    /**
     * f(x + s·eᵢ) − f(x) from the changed terms only, through a
     * {@link dev.numgrad.loss.DeltaLoss}'s prepared {@link dev.numgrad.loss.DeltaEvaluator};
     * a loss without one is an error, never a silent fallback to black-box.
     */
    DELTA("delta");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /** {@return the CLI name: "blackbox" or "delta"} */
    public String id() {
        return id;
    }

    /**
     * The mode with this CLI name, ignoring case ("black-box" and "black_box" also read as blackbox).
     *
     * @param name a name from {@link #id()}
     * @return the mode
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static Mode parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Mode mode : values()) {
            if (mode.id.equals(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "'; valid modes: blackbox, delta");
    }
}
