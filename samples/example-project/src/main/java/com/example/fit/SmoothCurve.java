package com.example.fit;

import dev.numgrad.loss.terms.SumOfTerms;

/**
 * A smoothing fit: the curve's values x[0..K) at equally spaced knots on [0, 1], fitted to noisy
 * samples by piecewise-linear interpolation, with a second-difference roughness penalty:
 * f(x) = Σ_s (interpolate(x, t_s) − y_s)² + λ·Σ_k (x[k−1] − 2x[k] + x[k+1])².
 *
 * <p>Every term reads two or three knots, so numgrad's delta evaluation of this sum of terms
 * costs a few term evaluations per knot, however many knots and samples there are.
 */
public final class SmoothCurve {

    private SmoothCurve() {
    }

    /**
     * The loss over samples (t_s, y_s), t_s in [0, 1].
     *
     * @param knots K, at least 3
     * @param t sample positions in [0, 1]. Not modified (the support function reads it).
     * @param y sample values. Not modified.
     * @param smoothing λ, the weight of the roughness penalty
     * @return the loss
     */
    // tag::terms[]
    public static SumOfTerms loss(int knots, double[] t, double[] y, double smoothing) {
        double spacing = 1.0 / (knots - 1);
        return SumOfTerms.builder("smooth-curve", knots)
                // residual s reads the two knots around t_s: (interpolation − y_s)²
                .terms("residual", t.length, 2,
                        (s, support) -> {
                            int left = Math.min((int) (t[s] / spacing), knots - 2);
                            support[0] = left;
                            support[1] = left + 1;
                        },
                        (s, v) -> {
                            double u = t[s] / spacing - Math.min((int) (t[s] / spacing), knots - 2);
                            double r = (1 - u) * v[0] + u * v[1] - y[s];
                            return r * r;
                        })
                // roughness at knot k reads k − 1, k, k + 1: λ·(second difference)²
                .terms("roughness", knots - 2, 3,
                        (k, support) -> {
                            support[0] = k;
                            support[1] = k + 1;
                            support[2] = k + 2;
                        },
                        (k, v) -> {
                            double d = v[0] - 2 * v[1] + v[2];
                            return smoothing * d * d;
                        })
                .build();
    }
    // end::terms[]

    /**
     * Deterministic noisy samples of sin(2πt): t_s spread over [0, 1], noise of ±0.1.
     *
     * @param count the number of samples
     * @return {t, y}
     */
    public static double[][] noisySine(int count) {
        double[] t = new double[count];
        double[] y = new double[count];
        for (int s = 0; s < count; s++) {
            t[s] = (s + 0.5) / count;
            y[s] = Math.sin(2 * Math.PI * t[s]) + 0.1 * Math.sin(12345.678 * s);
        }
        return new double[][] {t, y};
    }
}
