package dev.numgrad.tour;

import dev.numgrad.optim.GradientSource;
import java.util.Objects;
import java.util.OptionalInt;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;

/**
 * A {@link GradientSource} that remembers where it was asked: the descent loop evaluates every
 * iterate once, in order, so the points asked for are the descent's path (row k of its trace is
 * point k). Records the first two coordinates, the plane the tour draws.
 */
final class PathRecorder implements GradientSource {

    private final GradientSource source;
    private final MutableDoubleList x0 = new DoubleArrayList();
    private final MutableDoubleList x1 = new DoubleArrayList();

    PathRecorder(GradientSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        x0.add(x[0]);
        x1.add(x.length > 1 ? x[1] : 0);
        return source.valueAndGradient(x, gradient);
    }

    @Override
    public OptionalInt dimension() {
        return source.dimension();
    }

    /** Points recorded. */
    int size() {
        return x0.size();
    }

    /**
     * The path thinned for drawing: a point is kept when it lies at least {@code spacing} (in
     * data units) from the last point kept; the first and last points always are. A descent of
     * thousands of tiny steps thus draws as a few hundred segments with the same shape, which
     * keeps the SVG small.
     *
     * @return {x₀s, x₁s}
     */
    double[][] thinned(double spacing) {
        MutableDoubleList keptX = new DoubleArrayList();
        MutableDoubleList keptY = new DoubleArrayList();
        int last = x0.size() - 1;
        for (int k = 0; k <= last; k++) {
            boolean far = keptX.isEmpty()
                    || Math.hypot(x0.get(k) - keptX.getLast(), x1.get(k) - keptY.getLast()) >= spacing;
            if (far || k == last) {
                keptX.add(x0.get(k));
                keptY.add(x1.get(k));
            }
        }
        return new double[][] {keptX.toArray(), keptY.toArray()};
    }
}
