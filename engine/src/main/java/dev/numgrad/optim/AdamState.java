package dev.numgrad.optim;

/**
 * The state of {@link Adam} and {@link AdamW}: the moment estimates m and v and the step
 * counter t. The loop body is Kingma &amp; Ba's Algorithm 1, line by line, plus the decoupled
 * weight-decay term of Loshchilov &amp; Hutter's Algorithm 2 (zero for Adam).
 */
final class AdamState implements OptimizerState {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double baseRate;
    private final double weightDecay;
    private final double[] m;
    private final double[] v;
    private int t;

    AdamState(int dimension, double baseRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.baseRate = baseRate;
        this.weightDecay = weightDecay;
        this.m = new double[dimension];
        this.v = new double[dimension];
    }

    @Override
    public void step(double[] x, double[] gradient, double rate) {
        Checks.stepLengths(m.length, x, gradient);
        t++;
        // Bias corrections 1 − β^t: the moments start at 0, so early averages are too small by
        // exactly this factor (Kingma & Ba, section 3).
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        // AdamW scales its decay by the schedule multiplier η_t = rate / α, not by α itself.
        double decay = weightDecay * (rate / baseRate);
        for (int i = 0; i < m.length; i++) {
            double g = gradient[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            x[i] -= rate * mHat / (Math.sqrt(vHat) + epsilon) + decay * x[i];
        }
    }
}
