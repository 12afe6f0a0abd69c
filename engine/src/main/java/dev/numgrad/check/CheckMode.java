package dev.numgrad.check;

import java.util.Locale;

/** Which coordinates a {@link GradientCheck} compares. */
public enum CheckMode {

    /** Every coordinate, through delta evaluation when the loss offers it. */
    FULL("full"),

    /** A seeded sample of coordinates from every block, so that small blocks (biases) are never skipped. */
    SAMPLED("sampled"),

    /**
     * A few seeded random directions v, comparing vᵀg with the central difference of f along v
     * (two evaluations per direction whatever the dimension); a failing direction is narrowed
     * down by bisection to its worst coordinates.
     */
    DIRECTIONAL("directional");

    private final String id;

    CheckMode(String id) {
        this.id = id;
    }

    /**
     * The CLI name.
     *
     * @return "full", "sampled" or "directional"
     */
    public String id() {
        return id;
    }

    /**
     * The mode with this CLI name, ignoring case.
     *
     * @param name "full", "sampled" or "directional"
     * @return the mode
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static CheckMode parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (CheckMode mode : values()) {
            if (mode.id.equals(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown check mode '" + name + "'; valid modes: full, sampled, directional");
    }
}
