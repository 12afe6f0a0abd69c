package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every hyper-parameter is checked when the record is built, with the value in the message. */
class OptimizerValidationTest {

    private static final double[] BAD_RATES = {0, -0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY};
    private static final double[] BAD_BETAS = {-0.1, 1, 1.5, Double.NaN, -0.0 - Double.MIN_VALUE};
    private static final double[] BAD_EPSILONS = {0, -1e-8, Double.NaN, Double.POSITIVE_INFINITY};

    private static void assertRejected(String expectedMessage, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertEquals(expectedMessage, e.getMessage());
    }

    private static void assertRejectsRates(DoubleFunction<Optimizer> optimizer) {
        for (double rate : BAD_RATES) {
            assertRejected("learning rate must be positive and finite, got " + rate, () -> optimizer.apply(rate));
        }
    }

    private static void assertRejectsBetas(String name, DoubleFunction<Optimizer> optimizer) {
        for (double beta : BAD_BETAS) {
            assertRejected(name + " must be in [0, 1), got " + beta, () -> optimizer.apply(beta));
        }
    }

    private static void assertRejectsEpsilons(DoubleFunction<Optimizer> optimizer) {
        for (double epsilon : BAD_EPSILONS) {
            assertRejected("epsilon must be positive and finite, got " + epsilon, () -> optimizer.apply(epsilon));
        }
    }

    @Test
    void learningRatesMustBePositiveAndFinite() {
        assertRejectsRates(Sgd::new);
        assertRejectsRates(Momentum::new);
        assertRejectsRates(Nesterov::new);
        assertRejectsRates(AdaGrad::new);
        assertRejectsRates(RmsProp::new);
        assertRejectsRates(Adam::new);
        assertRejectsRates(rate -> new AdamW(rate, 0.01));
    }

    @Test
    void betasMustLieInTheHalfOpenUnitInterval() {
        assertRejectsBetas("momentum", mu -> new Momentum(0.1, mu));
        assertRejectsBetas("momentum", mu -> new Nesterov(0.1, mu));
        assertRejectsBetas("decay", rho -> new RmsProp(0.1, rho, 1e-8));
        assertRejectsBetas("beta1", b -> new Adam(0.1, b, 0.999, 1e-8));
        assertRejectsBetas("beta2", b -> new Adam(0.1, 0.9, b, 1e-8));
        assertRejectsBetas("beta1", b -> new AdamW(0.1, b, 0.999, 1e-8, 0));
        assertRejectsBetas("beta2", b -> new AdamW(0.1, 0.9, b, 1e-8, 0));
        // The boundary that is allowed: β = 0 turns the average off.
        new Adam(0.1, 0, 0, 1e-8);
        new Momentum(0.1, 0);
    }

    @Test
    void epsilonsMustBePositiveAndFinite() {
        assertRejectsEpsilons(e -> new AdaGrad(0.1, e));
        assertRejectsEpsilons(e -> new RmsProp(0.1, 0.9, e));
        assertRejectsEpsilons(e -> new Adam(0.1, 0.9, 0.999, e));
        assertRejectsEpsilons(e -> new AdamW(0.1, 0.9, 0.999, e, 0));
    }

    @Test
    void weightDecayMustBeNonNegativeAndBelowOne() {
        for (double decay : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejected("weight decay must be non-negative and finite, got " + decay,
                    () -> new AdamW(0.1, decay));
        }
        assertRejected("weight decay must be below 1, got 1.0", () -> new AdamW(0.1, 1));
    }

    @Test
    void statesCheckTheirDimensionAndStepLengths() {
        assertRejected("dimension must be at least 1, got 0", () -> new Adam(0.1).newState(0));
        OptimizerState state = new Momentum(0.1).newState(3);
        assertRejected("step needs x and gradient of length 3, got 3 and 2",
                () -> state.step(new double[3], new double[2], 0.1));
    }

    @Test
    void namesAreStable() {
        assertEquals("sgd", new Sgd(1).name());
        assertEquals("momentum", new Momentum(1).name());
        assertEquals("nesterov", new Nesterov(1).name());
        assertEquals("adagrad", new AdaGrad(1).name());
        assertEquals("rmsprop", new RmsProp(1).name());
        assertEquals("adam", new Adam(1).name());
        assertEquals("adamw", new AdamW(1, 0).name());
    }

    @Test
    void namedFindsEveryOptimizerWithItsDefaults() {
        for (String name : Optimizer.NAMES) {
            Optimizer optimizer = Optimizer.named(name, 0.01);
            assertEquals(name, optimizer.name());
            assertEquals(0.01, optimizer.learningRate());
        }
        assertEquals(new Adam(0.5, 0.9, 0.999, 1e-8), Optimizer.named(" Adam ", 0.5));
        assertEquals(new AdamW(0.5, AdamW.DEFAULT_WEIGHT_DECAY), Optimizer.named("ADAMW", 0.5));
        assertRejected("unknown optimizer 'lbfgs'; valid optimizers: sgd, momentum, nesterov, adagrad, rmsprop, "
                + "adam, adamw", () -> Optimizer.named("lbfgs", 0.1));
        assertRejected("learning rate must be positive and finite, got -1.0", () -> Optimizer.named("sgd", -1));
    }
}
