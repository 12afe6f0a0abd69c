package dev.numgrad.model;

import dev.numgrad.workload.Workloads;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The standard workloads written straight from {@code WORKLOADS.md}, independent of the code
 * under test: plain loops in double (for values), and exact / 60-digit BigDecimal versions (for
 * deltas). The data formulas are evaluated here, not taken from {@link Workloads}.
 */
public final class ReferenceLosses {

    private static final MathContext MC = new MathContext(60);

    private ReferenceLosses() {
    }

    public static double x(int r, int c) {
        return Math.sin(0.7 * r + 0.13 * c);
    }

    public static double y(int r) {
        return Math.cos(0.3 * r);
    }

    public static int t(int r) {
        return Math.cos(0.3 * r) > 0 ? 1 : 0;
    }

    public static double sumsq(double[] x) {
        double f = 0;
        for (double v : x) {
            f += v * v;
        }
        return f;
    }

    public static double rosen(double[] x) {
        double f = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            f += 100 * a * a + (1 - x[i]) * (1 - x[i]);
        }
        return f;
    }

    public static double linreg(int m, double[] w) {
        double f = 0;
        for (int r = 0; r < m; r++) {
            double z = 0;
            for (int c = 0; c < w.length; c++) {
                z += x(r, c) * w[c];
            }
            f += (z - y(r)) * (z - y(r));
        }
        return f / (2 * m);
    }

    public static double logreg(int m, double[] w) {
        double f = 0;
        for (int r = 0; r < m; r++) {
            double z = 0;
            for (int c = 0; c < w.length; c++) {
                z += x(r, c) * w[c];
            }
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            f += softplus - t(r) * z;
        }
        return f / m;
    }

    // ---- exact arithmetic: f(x) at the exact point x (+ s·eᵢ), never rounded to double ----

    public static BigDecimal[] exactPoint(double[] x, int i, double step) {
        BigDecimal[] p = new BigDecimal[x.length];
        for (int k = 0; k < x.length; k++) {
            p[k] = new BigDecimal(x[k]);
        }
        p[i] = p[i].add(new BigDecimal(step));
        return p;
    }

    public static BigDecimal sumsq(BigDecimal[] x) {
        BigDecimal f = BigDecimal.ZERO;
        for (BigDecimal v : x) {
            f = f.add(v.multiply(v));
        }
        return f;
    }

    public static BigDecimal rosen(BigDecimal[] x) {
        BigDecimal f = BigDecimal.ZERO;
        for (int i = 0; i < x.length - 1; i++) {
            BigDecimal a = x[i + 1].subtract(x[i].multiply(x[i]));
            BigDecimal b = BigDecimal.ONE.subtract(x[i]);
            f = f.add(BigDecimal.valueOf(100).multiply(a.multiply(a))).add(b.multiply(b));
        }
        return f;
    }

    private static BigDecimal margin(int r, BigDecimal[] w) {
        BigDecimal z = BigDecimal.ZERO;
        for (int c = 0; c < w.length; c++) {
            z = z.add(new BigDecimal(x(r, c)).multiply(w[c]));
        }
        return z;
    }

    public static BigDecimal linreg(int m, BigDecimal[] w) {
        BigDecimal f = BigDecimal.ZERO;
        for (int r = 0; r < m; r++) {
            BigDecimal residual = margin(r, w).subtract(new BigDecimal(y(r)));
            f = f.add(residual.multiply(residual));
        }
        return f.divide(BigDecimal.valueOf(2L * m), MC);
    }

    public static BigDecimal logreg(int m, BigDecimal[] w) {
        BigDecimal f = BigDecimal.ZERO;
        for (int r = 0; r < m; r++) {
            BigDecimal z = margin(r, w).round(new MathContext(80));
            f = f.add(softplus(z)).subtract(BigDecimal.valueOf(t(r)).multiply(z));
        }
        return f.divide(BigDecimal.valueOf(m), MC);
    }

    /** log(1 + eᶻ) to about 60 digits; for z > 0 as z + log(1 + e^−z) so the log's argument is in (1, 2]. */
    public static BigDecimal softplus(BigDecimal z) {
        if (z.signum() > 0) {
            return z.add(log(BigDecimal.ONE.add(exp(z.negate()))));
        }
        return log(BigDecimal.ONE.add(exp(z)));
    }

    /** eˣ by halving into Taylor's range, then squaring back. */
    public static BigDecimal exp(BigDecimal x) {
        MathContext work = new MathContext(90);
        int halvings = Math.max(0, Math.getExponent(Math.abs(x.doubleValue())) + 8); // |r| < 2⁻⁷: few Taylor terms
        BigDecimal r = x.divide(BigDecimal.TWO.pow(halvings), work);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal negligible = BigDecimal.ONE.movePointLeft(100);
        for (int j = 1; term.abs().compareTo(negligible) > 0; j++) {
            term = term.multiply(r, work).divide(BigDecimal.valueOf(j), work);
            sum = sum.add(term, work);
        }
        for (int k = 0; k < halvings; k++) {
            sum = sum.multiply(sum, work);
        }
        return sum;
    }

    /** log y for y in (1, 2] by Halley's iteration t += 2(y − eᵗ)/(y + eᵗ) from the double log. */
    public static BigDecimal log(BigDecimal y) {
        MathContext work = new MathContext(90);
        BigDecimal t = new BigDecimal(Math.log(y.doubleValue()));
        for (int k = 0; k < 3; k++) { // cubic convergence: 1e-16, 1e-48, 1e-144
            BigDecimal e = exp(t);
            t = t.add(BigDecimal.TWO.multiply(y.subtract(e)).divide(y.add(e), work));
        }
        return t;
    }
}
