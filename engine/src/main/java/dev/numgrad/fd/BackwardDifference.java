package dev.numgrad.fd;

/**
 * (f(x) − f(x−h)) / h: first order like {@link ForwardDifference}, with the opposite sign of
 * error (d/dx x² at 3 with h = 1e-4 gives 5.9999). Useful at an upper bound of the domain.
 */
public record BackwardDifference() implements Scheme {

    @Override
    public String id() {
        return "backward";
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
        return (base - probe.at(-h)) / h;
    }
}
