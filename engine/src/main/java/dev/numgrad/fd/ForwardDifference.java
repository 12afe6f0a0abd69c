package dev.numgrad.fd;

/**
 * (f(x+h) − f(x)) / h: first order, one evaluation per coordinate plus the shared f(x).
 * Truncation error ≈ f''·h/2: d/dx x² at 3 with h = 1e-4 gives 6.0001, off by exactly h.
 */
public record ForwardDifference() implements Scheme {

    @Override
    public String id() {
        return "forward";
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public int evaluationsPerCoordinate() {
        return 1;
    }

    @Override
    public boolean usesBaseValue() {
        return true;
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
        return (probe.at(h) - base) / h;
    }
}
