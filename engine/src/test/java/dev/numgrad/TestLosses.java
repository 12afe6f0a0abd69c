package dev.numgrad;

import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.DeltaLoss;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import java.util.Arrays;

/** Small losses whose behaviour the engine tests control: exact, failing, forbidden. */
public final class TestLosses {

    private TestLosses() {
    }

    /** f(x) = Σ x_i², with an O(1) delta: (x_i + s)² − x_i² = s·(2x_i + s). */
    public static DeltaLoss sumOfSquares(int n) {
        return new SumOfSquares(n);
    }

    /**
     * f(x) = Σ_{i<n-1} 100(x_{i+1} − x_i²)² + (1 − x_i)², with an O(1) delta over the two terms
     * coordinate i appears in.
     */
    public static DeltaLoss rosenbrock(int n) {
        return new Rosenbrock(n);
    }

    /** ∇ of {@link #rosenbrock(int)}, for checking values. */
    public static double[] rosenbrockGradient(double[] x) {
        int n = x.length;
        double[] g = new double[n];
        for (int i = 0; i < n - 1; i++) {
            double r = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * r - 2 * (1 - x[i]);
            g[i + 1] += 200 * r;
        }
        return g;
    }

    /** A delta-capable loss that fails the test if anything creates an evaluator or evaluates it. */
    public static DeltaLoss forbidden(int n) {
        return new DeltaLoss() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public Evaluator newEvaluator() {
                throw new AssertionError("the engine created an evaluator before validating its input");
            }

            @Override
            public DeltaEvaluator newDeltaEvaluator() {
                throw new AssertionError("the engine created a delta evaluator before validating its input");
            }

            @Override
            public String name() {
                return "forbidden";
            }
        };
    }

    /** The standard start point of WORKLOADS.md: 0.1·sin(0.37·i + 0.1). */
    public static double[] startPoint(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 * Math.sin(0.37 * i + 0.1);
        }
        return x;
    }

    private record SumOfSquares(int dimension) implements DeltaLoss {

        @Override
        public Evaluator newEvaluator() {
            return x -> {
                double s = 0;
                for (double v : x) {
                    s += v * v;
                }
                return s;
            };
        }

        @Override
        public DeltaEvaluator newDeltaEvaluator() {
            return new DeltaEvaluator() {
                private double[] x;

                @Override
                public double prepare(double[] base) {
                    x = base.clone();
                    return newEvaluator().value(x);
                }

                @Override
                public double delta(int i, double step) {
                    return step * (2 * x[i] + step);
                }
            };
        }

        @Override
        public String name() {
            return "sumsq";
        }
    }

    private record Rosenbrock(int dimension) implements DeltaLoss {

        static double term(double xi, double next) {
            double r = next - xi * xi;
            double d = 1 - xi;
            return 100 * r * r + d * d;
        }

        static double value(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length - 1; i++) {
                s += term(x[i], x[i + 1]);
            }
            return s;
        }

        @Override
        public Evaluator newEvaluator() {
            return Rosenbrock::value;
        }

        @Override
        public DeltaEvaluator newDeltaEvaluator() {
            return new DeltaEvaluator() {
                private double[] x;

                @Override
                public double prepare(double[] base) {
                    x = Arrays.copyOf(base, base.length);
                    return value(x);
                }

                @Override
                public double delta(int i, double step) {
                    double xi = x[i];
                    double moved = xi + step;
                    double change = 0;
                    if (i > 0) {
                        change += term(x[i - 1], moved) - term(x[i - 1], xi);
                    }
                    if (i < x.length - 1) {
                        change += term(moved, x[i + 1]) - term(xi, x[i + 1]);
                    }
                    return change;
                }
            };
        }

        @Override
        public String name() {
            return "rosen";
        }
    }

    /** A loss whose evaluator throws or returns {@code bad} whenever x[failing] differs from its base value. */
    public static Loss failingAt(int n, double[] base, int failing, double bad, boolean throwInstead) {
        double at = base[failing];
        return Loss.of("failing", n, x -> {
            if (x[failing] != at) {
                if (throwInstead) {
                    throw new IllegalStateException("boom at " + failing);
                }
                return bad;
            }
            return Rosenbrock.value(x);
        });
    }
}
