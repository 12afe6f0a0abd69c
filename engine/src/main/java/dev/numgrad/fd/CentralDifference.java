package dev.numgrad.fd;

/**
 * (f(x+h) − f(x−h)) / 2h: second order, two evaluations per coordinate. The even terms of the
 * Taylor series cancel, leaving f'''·h²/6: d/dx x³ at 10 with h = 1e-4 gives 300 + h² =
 * 300.00000001, and d/dx x² is exact for every h.
 */
public record CentralDifference() implements Scheme {

    @Override
    public String id() {
        return "central";
    }

    @Override
    public int order() {
        return 2;
    }

    @Override
    public int evaluationsPerCoordinate() {
        return 2;
    }

    @Override
    public boolean usesBaseValue() {
        return false;
    }

    @Override
    public boolean estimatesError() {
        return false;
    }

    @Override
    public double reach() {
        return 1;
    }

    @Override
    public double derivative(CoordinateProbe probe, double base, double h) {
        return quotient(probe, h);
    }

    /** D(h) = (f(x+h) − f(x−h)) / 2h, probing x+h first; {@link RichardsonCentral} extrapolates it. */
    static double quotient(CoordinateProbe probe, double h) {
        return probe.symmetricDifference(h) / (2 * h);
    }
}
