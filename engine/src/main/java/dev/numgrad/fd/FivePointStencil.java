package dev.numgrad.fd;

/**
 * (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h: fourth order, four evaluations per coordinate.
 * Truncation error ≈ f⁽⁵⁾·h⁴/30, so halving h divides it by 16; d/dx x⁴ at 1 is exact for any h.
 */
public record FivePointStencil() implements Scheme {

    @Override
    public String id() {
        return "five-point";
    }

    @Override
    public int order() {
        return 4;
    }

    @Override
    public int evaluationsPerCoordinate() {
        return 4;
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
        return 2;
    }

    @Override
    public double derivative(CoordinateProbe probe, double base, double h) {
        double m2 = probe.at(-2 * h);
        double m1 = probe.at(-h);
        double p1 = probe.at(h);
        double p2 = probe.at(2 * h);
        return (m2 - 8 * m1 + 8 * p1 - p2) / (12 * h);
    }
}
