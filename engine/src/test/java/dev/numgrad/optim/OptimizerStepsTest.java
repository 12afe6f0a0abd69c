package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first two steps of every optimizer, worked by hand on f(x) = x₀² + 2·x₁² from (1, −1).
 * ∇f = (2x₀, 4x₁), so g₀ = (2, −4). ε is set to 1e-12 so that it changes no digit the
 * tolerance can see (its effect is about α·ε/|g| ≈ 5e-14).
 */
class OptimizerStepsTest {

    private static final double TOLERANCE = 1e-12;
    private static final double EPS = 1e-12;
    private static final double[] START = {1, -1};

    /** Runs two steps and returns the three points the loop evaluated: x₀, x₁, x₂. */
    private static List<double[]> twoSteps(Optimizer optimizer) {
        RecordingSource source = new RecordingSource(GradientSource.exact(new Quadratic(1, 2)));
        DescentResult result = new DescentLoop(optimizer, 2).run(source, START);
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason());
        assertEquals(3, source.points.size());
        assertArrayEquals(source.points.get(2), result.x(), 0.0, "the result is the last point evaluated");
        return source.points;
    }

    private static void assertSteps(Optimizer optimizer, double[] x1, double[] x2) {
        List<double[]> points = twoSteps(optimizer);
        assertArrayEquals(START, points.get(0), 0.0);
        assertArrayEquals(x1, points.get(1), TOLERANCE, optimizer + ": first step");
        assertArrayEquals(x2, points.get(2), TOLERANCE, optimizer + ": second step");
    }

    @Test
    void sgd() {
        // x₁ = (1, −1) − 0.1·(2, −4) = (0.8, −0.6);  g₁ = (1.6, −2.4)
        // x₂ = (0.8, −0.6) − 0.1·(1.6, −2.4) = (0.64, −0.36)
        assertSteps(new Sgd(0.1), new double[] {0.8, -0.6}, new double[] {0.64, -0.36});
    }

    @Test
    void momentum() {
        // v₁ = 0.9·0 − 0.1·(2, −4) = (−0.2, 0.4);  x₁ = (0.8, −0.6);  g₁ = (1.6, −2.4)
        // v₂ = 0.9·(−0.2, 0.4) − 0.1·(1.6, −2.4) = (−0.34, 0.6);  x₂ = (0.46, 0)
        assertSteps(new Momentum(0.1, 0.9), new double[] {0.8, -0.6}, new double[] {0.46, 0});
    }

    @Test
    void nesterov() {
        // v₁ = −0.1·(2, −4) = (−0.2, 0.4);  x₁ = x₀ + 0.9·v₁ − 0.1·g₀ = (0.62, −0.24)
        // g₁ = (1.24, −0.96);  v₂ = 0.9·v₁ − 0.1·g₁ = (−0.304, 0.456)
        // x₂ = x₁ + 0.9·v₂ − 0.1·g₁ = (0.62 − 0.2736 − 0.124, −0.24 + 0.4104 + 0.096) = (0.2224, 0.2664)
        assertSteps(new Nesterov(0.1, 0.9), new double[] {0.62, -0.24}, new double[] {0.2224, 0.2664});
    }

    @Test
    void adaGrad() {
        // G₁ = g₀² = (4, 16);  x₁ = x₀ − 0.1·(2/2, −4/4) = (0.9, −0.9);  g₁ = (1.8, −3.6)
        // G₂ = (4 + 3.24, 16 + 12.96) = (7.24, 28.96) and √28.96 = 2√7.24, so both coordinates
        // move by the same 0.1·1.8/√7.24: AdaGrad is invariant to per-coordinate scaling.
        double x2 = 0.9 - 0.1 * 1.8 / Math.sqrt(7.24); // 0.833104…
        assertSteps(new AdaGrad(0.1, EPS), new double[] {0.9, -0.9}, new double[] {x2, -x2});
    }

    @Test
    void rmsProp() {
        // E₁ = 0.1·g₀² = (0.4, 1.6);  step = 0.01·2/√0.4 = 0.01·√10 in both coordinates
        // x₁ = (a, −a) with a = 1 − 0.01·√10 = 0.968377…;  g₁ = (2a, −4a)
        // E₂ = 0.9·E₁ + 0.1·g₁² = (0.36 + 0.4a², 4·(0.36 + 0.4a²))
        // x₂ = (a − 0.01·2a/√(0.36 + 0.4a²), −that)
        double a = 1 - 0.01 * Math.sqrt(10);
        double x2 = a - 0.01 * 2 * a / Math.sqrt(0.36 + 0.4 * a * a);
        assertSteps(new RmsProp(0.01, 0.9, EPS), new double[] {a, -a}, new double[] {x2, -x2});
    }

    @Test
    void adam() {
        // t = 1: m = 0.1·g₀ = (0.2, −0.4), v = 0.001·g₀² = (0.004, 0.016);
        //        m̂ = m/0.1 = g₀, v̂ = v/0.001 = g₀², so the step is 0.1·sign(g₀): x₁ = (0.9, −0.9)
        // t = 2: g₁ = (1.8, −3.6);  m = 0.9·0.2 + 0.1·1.8 = 0.36 (coordinate 0)
        //        v = 0.999·0.004 + 0.001·3.24 = 0.007236;  1 − β₁² = 0.19, 1 − β₂² = 0.001999
        //        x₂ = 0.9 − 0.1·(0.36/0.19)/√(0.007236/0.001999) = 0.800412…; coordinate 1 is
        //        the same scaled by 2 in g, m and √v, so it mirrors coordinate 0
        double x2 = 0.9 - 0.1 * (0.36 / 0.19) / Math.sqrt(0.007236 / 0.001999);
        assertSteps(new Adam(0.1, 0.9, 0.999, EPS), new double[] {0.9, -0.9}, new double[] {x2, -x2});
    }

    @Test
    void adamW() {
        // λ = 0.1 with a constant schedule (η = 1): x₁ = x₀ − (0.1·sign(g₀) + 0.1·x₀) = (0.8, −0.8)
        // t = 2: g₁ = (1.6, −3.2);  m = 0.18 + 0.16 = 0.34;  v = 0.003996 + 0.00256 = 0.006556
        //        x₂ = 0.8 − 0.1·(0.34/0.19)/√(0.006556/0.001999) − 0.1·0.8 = 0.621186…
        double x2 = 0.8 - 0.1 * (0.34 / 0.19) / Math.sqrt(0.006556 / 0.001999) - 0.1 * 0.8;
        assertSteps(new AdamW(0.1, 0.9, 0.999, EPS, 0.1), new double[] {0.8, -0.8}, new double[] {x2, -x2});
    }

    @Test
    void adamWWithoutDecayIsAdam() {
        List<double[]> adam = twoSteps(new Adam(0.05, 0.8, 0.99, 1e-8));
        List<double[]> adamW = twoSteps(new AdamW(0.05, 0.8, 0.99, 1e-8, 0));
        for (int k = 0; k < adam.size(); k++) {
            assertArrayEquals(adam.get(k), adamW.get(k), 0.0, "point " + k);
        }
    }

    @Test
    void adamWDecayFollowsTheScheduleMultiplierNotTheBaseRate() {
        // With a zero gradient m = v = 0 and the Adam term vanishes, leaving θ ← θ − η·λ·θ.
        // Base rate 0.5, step rate 0.25: η = 0.5, so θ = 2 becomes 2 − 0.5·0.1·2 = 1.9
        // (PyTorch's convention would give 2 − 0.25·0.1·2 = 1.95).
        OptimizerState state = new AdamW(0.5, 0.9, 0.999, 1e-8, 0.1).newState(1);
        double[] theta = {2};
        state.step(theta, new double[] {0}, 0.25);
        assertEquals(1.9, theta[0], 1e-15);
    }

    @Test
    void nesterovIteratesAreSutskeversLookAheadPoints() {
        // Sutskever et al. (2013) eq. (3)-(4), written directly with the gradient taken at
        // θ + μv, on f = x₀² + 2x₁²; the optimizer's iterates must be φ = θ + μv exactly
        // (up to rounding). 30 steps, so velocity and position have both grown and decayed.
        double mu = 0.9;
        double eps = 0.05;
        double[] weights = {1, 2};
        double[] theta = START.clone();
        double[] v = new double[2];
        RecordingSource source = new RecordingSource(GradientSource.exact(new Quadratic(weights)));
        new DescentLoop(new Nesterov(eps, mu), 30).run(source, START);
        for (int t = 0; t <= 30; t++) {
            double[] phi = source.points.get(t);
            for (int i = 0; i < 2; i++) {
                assertEquals(theta[i] + mu * v[i], phi[i], 1e-12, "step " + t + ", coordinate " + i);
            }
            for (int i = 0; i < 2; i++) {
                double lookAhead = theta[i] + mu * v[i];
                v[i] = mu * v[i] - eps * 2 * weights[i] * lookAhead;
                theta[i] += v[i];
            }
        }
    }
}
