package dev.numgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Passes calls through and keeps a copy of every point it was asked about. */
final class RecordingSource implements GradientSource {

    private final GradientSource inner;
    final List<double[]> points = new ArrayList<>();

    RecordingSource(GradientSource inner) {
        this.inner = inner;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        points.add(x.clone());
        return inner.valueAndGradient(x, gradient);
    }

    @Override
    public OptionalInt dimension() {
        return inner.dimension();
    }
}
