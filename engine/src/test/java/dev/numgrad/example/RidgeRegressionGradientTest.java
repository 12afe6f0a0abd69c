package dev.numgrad.example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.check.CheckMode;
import dev.numgrad.check.GradientAssertions;
import dev.numgrad.check.GradientCheck;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.ParameterBlocks;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/checking.md, compiled and run: a user's own loss, its hand-written gradient,
 * and a JUnit 5 test that checks one with the other.
 */
class RidgeRegressionGradientTest {

    // docs:begin loss
    /** f(w, c) = 1/(2m)·Σ_r (X_r·w + c − y_r)² + λ/2·‖w‖², parameters w (n weights) then c (the intercept). */
    record Ridge(double[][] features, double[] targets, double lambda) implements Loss {

        @Override
        public int dimension() {
            return features[0].length + 1;
        }

        @Override
        public ParameterBlocks parameterBlocks() {   // so reports say w[3] and c, not 3 and 5
            return ParameterBlocks.builder().vector("w", features[0].length).block("c").build();
        }

        @Override
        public Evaluator newEvaluator() {
            return theta -> {
                int n = features[0].length;
                double sum = 0;
                for (int r = 0; r < features.length; r++) {
                    double residual = theta[n] - targets[r];
                    for (int j = 0; j < n; j++) {
                        residual += features[r][j] * theta[j];
                    }
                    sum += residual * residual;
                }
                double penalty = 0;
                for (int j = 0; j < n; j++) {
                    penalty += theta[j] * theta[j];
                }
                return sum / (2 * features.length) + lambda / 2 * penalty;
            };
        }

        /** The hand-written gradient under test. */
        double[] gradient(double[] theta) {
            int n = features[0].length;
            double[] g = new double[n + 1];
            for (int r = 0; r < features.length; r++) {
                double residual = theta[n] - targets[r];
                for (int j = 0; j < n; j++) {
                    residual += features[r][j] * theta[j];
                }
                for (int j = 0; j < n; j++) {
                    g[j] += features[r][j] * residual / features.length;
                }
                g[n] += residual / features.length;
            }
            for (int j = 0; j < n; j++) {
                g[j] += lambda * theta[j];
            }
            return g;
        }
    }
    // docs:end loss

    private static Ridge ridge() {
        double[][] features = new double[20][5];
        double[] targets = new double[20];
        for (int r = 0; r < 20; r++) {
            for (int j = 0; j < 5; j++) {
                features[r][j] = Math.sin(0.7 * r + 0.13 * j);
            }
            targets[r] = Math.cos(0.3 * r);
        }
        return new Ridge(features, targets, 0.1);
    }

    // docs:begin test
    @Test
    void ridgeGradientIsRight() {
        Ridge loss = ridge();
        double[] theta = {0.3, -0.2, 0.5, 0.1, -0.4, 0.25};

        GradientAssertions.assertGradientCorrect(loss, theta, loss::gradient);          // every coordinate

        GradientCheck directional = GradientCheck.defaults().withMode(CheckMode.DIRECTIONAL).withSeed(42);
        GradientAssertions.assertGradientCorrect(directional, loss, theta, loss::gradient);   // 2 evaluations per direction
    }
    // docs:end test

    @Test
    void aForgottenRegularizerFailsWithTheReportAsMessage() {
        Ridge loss = ridge();
        double[] theta = {0.3, -0.2, 0.5, 0.1, -0.4, 0.25};
        Ridge unregularized = new Ridge(loss.features(), loss.targets(), 0);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> GradientAssertions.assertGradientCorrect(loss, theta, unregularized::gradient));
        String message = failure.getMessage();
        assertTrue(message.startsWith("gradient check FAILED: Ridge, full, 6 of 6 coordinates checked: 1 passed, 5 wrong"), message);
        assertTrue(message.contains("w[2]") && message.contains("layout: w 5, c (scalar)"), message);
        if (Boolean.getBoolean("numgrad.printExample")) {
            System.out.println(message);
        }
    }
}
