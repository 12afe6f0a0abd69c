package dev.numgrad.fd;

import java.util.Locale;

/**
 * A finite-difference formula for the derivative of a {@link CoordinateProbe} at offset 0.
 *
 * <p>Every scheme trades truncation error, which shrinks like h^order, against rounding error,
 * which grows like ε·|f|/h (ε = 2.2e-16). On f = exp at x = 1 (f' = e = 2.718281828…):
 * <pre>
 * scheme       order  evals  error at h = 1e-2   best h on a sweep   error there
 * forward        1      1        1.4e-2          1e-8   (√ε ≈ 1.5e-8)     6.6e-9
 * central        2      2        4.5e-5          3e-6   (∛ε ≈ 6.1e-6)     3.3e-11
 * five-point     4      4        9.1e-10         3e-4   (ε^(1/5) ≈ 7e-4)  2.0e-13
 * richardson     4      4        5.7e-11         2e-3                     9.2e-14
 * </pre>
 * Past the best step, a smaller h makes things worse: forward difference at h = 1e-12 is off
 * by 4.3e-4, because f(x+h) − f(x) has lost 12 of its 16 digits to cancellation.
 * {@link StepPolicy#scaledToScheme()} picks the best step from the scheme's order.
 *
 * <p>Schemes are immutable values; {@link #parse(String)} reads the CLI names
 * forward, backward, central, five-point, richardson and adaptive.
 */
public sealed interface Scheme
        permits ForwardDifference, BackwardDifference, CentralDifference, FivePointStencil, RichardsonCentral,
                AdaptiveCentral {

    /** {@return the CLI name, accepted by {@link #parse(String)}} */
    String id();

    /** {@return order p of the truncation error, which behaves like C·h^p} */
    int order();

    /** {@return probe evaluations per coordinate, not counting the shared base value} */
    int evaluationsPerCoordinate();

    /** {@return whether {@link #derivative} reads its {@code base} argument (forward and backward do)} */
    boolean usesBaseValue();

    /**
     * {@return whether {@link #derivative(CoordinateProbe, double, double, double[], int)} writes an error estimate}
     */
    boolean estimatesError();

    /**
     * The largest |offset| the scheme probes, in units of h (2 for the five-point stencil, else 1);
     * lets a caller check that x_i ± reach·h stays finite before evaluating anything.
     *
     * @return the reach
     */
    double reach();

    /**
     * The derivative of {@code probe} at offset 0.
     *
     * @param probe the coordinate's function
     * @param base the probe's value at offset 0: f(x) in black-box mode, 0 in delta mode; read
     *     only if {@link #usesBaseValue()}
     * @param h step, positive and finite
     * @return the finite-difference estimate of the derivative
     */
    double derivative(CoordinateProbe probe, double base, double h);

    /**
     * As {@link #derivative(CoordinateProbe, double, double)}, also writing the scheme's error
     * estimate to {@code errorOut[i]} when it {@link #estimatesError() has one}; other schemes
     * leave the array alone. No allocation, so a worker calls it once per coordinate.
     *
     * @param probe the coordinate's function
     * @param base the probe's value at offset 0; read only if {@link #usesBaseValue()}
     * @param h step, positive and finite
     * @param errorOut per-coordinate error estimates, or null when not wanted. Modified: slot i only.
     * @param i the slot of errorOut to write
     * @return the finite-difference estimate of the derivative
     */
    default double derivative(CoordinateProbe probe, double base, double h, double[] errorOut, int i) {
        return derivative(probe, base, h);
    }

    /** {@return the forward difference (f(x + h) − f(x)) / h: order 1, one probe plus f(x)} */
    static Scheme forward() {
        return new ForwardDifference();
    }

    /** {@return the backward difference (f(x) − f(x − h)) / h: order 1, one probe plus f(x)} */
    static Scheme backward() {
        return new BackwardDifference();
    }

    /** {@return the central difference (f(x + h) − f(x − h)) / 2h: order 2, two probes} */
    static Scheme central() {
        return new CentralDifference();
    }

    /** {@return the five-point stencil over x ± h and x ± 2h: order 4, four probes} */
    static Scheme fivePoint() {
        return new FivePointStencil();
    }

    /**
     * {@return the central difference Richardson-extrapolated from steps h and h/2: order 4, four
     * probes, with a per-coordinate error estimate}
     */
    static Scheme richardson() {
        return new RichardsonCentral();
    }

    /**
     * Ridders-style adaptive central differences over 12 halving steps, with a per-coordinate
     * error estimate; see {@link AdaptiveCentral}. Up to 24 evaluations per coordinate: for
     * re-examining a few doubtful coordinates, not for whole gradients.
     *
     * @return the adaptive scheme
     */
    static Scheme adaptive() {
        return new AdaptiveCentral(12);
    }

    /**
     * Every fixed-cost scheme, in order of increasing cost. {@link #adaptive()} is not listed: its
     * cost per coordinate varies, and {@link #parse(String)} accepts it by name.
     *
     * @return the five fixed-cost schemes
     */
    static Scheme[] all() {
        return new Scheme[] {forward(), backward(), central(), fivePoint(), richardson()};
    }

    /**
     * The scheme with this CLI name, ignoring case.
     *
     * @param name a name from {@link #id()}
     * @return the scheme
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    static Scheme parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Scheme scheme : all()) {
            if (scheme.id().equals(key)) {
                return scheme;
            }
        }
        if (key.equals("adaptive")) {
            return adaptive();
        }
        throw new IllegalArgumentException("unknown scheme '" + name
                + "'; valid schemes: forward, backward, central, five-point, richardson, adaptive");
    }
}
