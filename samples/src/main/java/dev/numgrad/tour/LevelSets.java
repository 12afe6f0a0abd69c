package dev.numgrad.tour;

import java.util.function.DoubleUnaryOperator;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;

/**
 * Contour lines of the tour's two surfaces, exact rather than traced on a grid: each level set
 * has a closed-form parametrisation, so a contour is a smooth curve at any zoom. Several levels
 * go into one NaN-separated series (one legend entry).
 *
 * <ul>
 *   <li>The bowl x₀² + x₁² = c: the circle of radius √c.
 *   <li>Rosenbrock 100(x₁ − x₀²)² + (1 − x₀)² = c: with x₀ = 1 − √c·cos t, the first term must
 *       be c·sin²t, so x₁ = x₀² + (√c/10)·sin t, t ∈ [0, 2π]: a bent loop around the minimum (1, 1).
 * </ul>
 */
final class LevelSets {

    /** Points per closed curve: smooth at the sizes the tour draws. */
    static final int POINTS_PER_CURVE = 240;

    private final MutableDoubleList xs = new DoubleArrayList();
    private final MutableDoubleList ys = new DoubleArrayList();

    private LevelSets() {
    }

    /** Circles x₀² + x₁² = c for each level c. */
    static LevelSets bowl(double... levels) {
        LevelSets sets = new LevelSets();
        for (double c : levels) {
            double r = Math.sqrt(c);
            sets.curve(t -> r * Math.cos(t), t -> r * Math.sin(t));
        }
        return sets;
    }

    /**
     * The loops 100(x₁ − x₀²)² + (1 − x₀)² = c for each level c, where x₀ is in [x0Min, x0Max]:
     * a loop wider than that window is drawn as its upper and lower branches within it, so that
     * the visible part gets all the points.
     */
    static LevelSets rosenbrock(double x0Min, double x0Max, double... levels) {
        LevelSets sets = new LevelSets();
        for (double c : levels) {
            double root = Math.sqrt(c);
            DoubleUnaryOperator x0 = t -> 1 - root * Math.cos(t);
            DoubleUnaryOperator x1 = t -> {
                double u = 1 - root * Math.cos(t);
                return u * u + root / 10 * Math.sin(t);
            };
            // x₀ = 1 − √c·cos t rises from 1 − √c to 1 + √c as t runs over [0, π] (upper branch).
            double from = Math.acos(Math.min(1, (1 - x0Min) / root));
            double to = Math.acos(Math.max(-1, (1 - x0Max) / root));
            if (from == 0 && to == Math.PI) {
                sets.curve(x0, x1, 0, 2 * Math.PI);
            } else {
                sets.curve(x0, x1, from, to);
                sets.curve(x0, x1, 2 * Math.PI - to, 2 * Math.PI - from);
            }
        }
        return sets;
    }

    private void curve(DoubleUnaryOperator x, DoubleUnaryOperator y) {
        curve(x, y, 0, 2 * Math.PI);
    }

    /** The curve (x(t), y(t)) for t from {@code from} to {@code to}, after a NaN break. */
    private void curve(DoubleUnaryOperator x, DoubleUnaryOperator y, double from, double to) {
        if (!xs.isEmpty()) {
            xs.add(Double.NaN);
            ys.add(Double.NaN);
        }
        for (int k = 0; k <= POINTS_PER_CURVE; k++) {
            double t = from + (to - from) * k / POINTS_PER_CURVE;
            xs.add(x.applyAsDouble(t));
            ys.add(y.applyAsDouble(t));
        }
    }

    double[] xs() {
        return xs.toArray();
    }

    double[] ys() {
        return ys.toArray();
    }
}
