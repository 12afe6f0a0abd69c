package dev.numgrad.optim;

/**
 * Limits the gradient before the optimizer sees it, so that one steep region cannot throw the
 * iterate far away. Applied in place by {@link DescentLoop} after the gradient norm is recorded
 * (the trace shows the gradient as computed, not as clipped).
 */
public sealed interface GradientClipping {

    /**
     * Clips in place.
     *
     * @param gradient finite values. Modified.
     */
    void clip(double[] gradient);

    /** {@return a clipping that leaves the gradient alone} */
    static GradientClipping none() {
        return new None();
    }

    /**
     * Clamps each component to [−limit, limit]; changes the gradient's direction.
     *
     * @param limit positive and finite
     * @return the clipping
     */
    static GradientClipping byValue(double limit) {
        return new ByValue(limit);
    }

    /**
     * Rescales the whole gradient to norm {@code maxNorm} when it is longer; keeps its direction
     * (Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent neural networks",
     * 2013).
     *
     * @param maxNorm positive and finite
     * @return the clipping
     */
    static GradientClipping byNorm(double maxNorm) {
        return new ByNorm(maxNorm);
    }

    /** No clipping. */
    record None() implements GradientClipping {
        @Override
        public void clip(double[] gradient) {
            // nothing to do
        }
    }

    /**
     * Clamps each component to [−limit, limit].
     *
     * @param limit positive and finite
     */
    record ByValue(double limit) implements GradientClipping {
        /**
         * Validates the limit.
         *
         * @throws IllegalArgumentException if the limit is not positive and finite
         */
        public ByValue {
            Checks.positiveFinite("clipping limit", limit);
        }

        @Override
        public void clip(double[] gradient) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = Math.max(-limit, Math.min(limit, gradient[i]));
            }
        }
    }

    /**
     * Rescales the gradient to Euclidean norm maxNorm when it is longer.
     *
     * @param maxNorm the largest norm let through, positive and finite
     */
    record ByNorm(double maxNorm) implements GradientClipping {
        /**
         * Validates the norm.
         *
         * @throws IllegalArgumentException if the norm is not positive and finite
         */
        public ByNorm {
            Checks.positiveFinite("clipping norm", maxNorm);
        }

        @Override
        public void clip(double[] gradient) {
            double norm = Vectors.norm(gradient);
            if (norm > maxNorm) {
                double scale = maxNorm / norm;
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] *= scale;
                }
            }
        }
    }
}
