package dev.numgrad.model;

import static dev.numgrad.model.MlpReference.MC;
import static dev.numgrad.model.MlpReference.exp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.Kernels;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Each activation's exact change act(z + dz) − act(z) against BigDecimal, over a grid from tiny to
 * saturated arguments, both signs. The reference is written from exponentials, not from the
 * identities the implementation uses: tanh(z+dz) − tanh z = 2e^{2z}(e^{2dz} − 1)/((e^{2z}+1)(e^{2(z+dz)}+1)),
 * σ(z+dz) − σ(z) = e^{−z}(1 − e^{−dz})/((1+e^{−z})(1+e^{−z−dz})).
 * Tolerance 1e-13 relative (the inputs' own conditioning is ~|z + dz|·2⁻⁵³ ≤ 1e-13 here) plus
 * 1e-300 absolute for changes that underflow.
 */
class ActivationTest {

    private static final double[] Z = {-400, -40, -19, -5, -0.7, -1e-9, 0, 1e-9, 0.3, 2, 5, 19, 25, 40, 400};
    private static final double[] DZ = {1e-12, 1e-6, 0.01, 0.7, 3, 5, 25, 60, 800};

    @Test
    void changesMatchExtendedPrecision() {
        for (Activation activation : Activation.values()) {
            for (double z : Z) {
                double[] in = {z};
                double[] a = new double[1];
                activation.apply(Kernels.scalar(), in, a, 0, 1);
                double derivative = activation.derivative(z);
                for (double magnitude : DZ) {
                    for (double dz : new double[]{magnitude, -magnitude}) {
                        double expected = exactChange(activation, z, dz);
                        double actual = activation.difference(z, a[0], derivative, dz);
                        assertEquals(expected, actual, 1e-13 * Math.abs(expected) + 1e-300,
                                activation + ": change at z = " + z + ", dz = " + dz);
                        // the batch form (kernels for tanh) gives the same
                        double[] out = new double[1];
                        activation.difference(Kernels.get(), in, a, new double[]{derivative}, 0, dz, new double[]{1.0}, 0, out, 0, 1);
                        assertEquals(expected, out[0], 1e-13 * Math.abs(expected) + 1e-300,
                                activation + " batch on " + Kernels.get().name() + ": z = " + z + ", dz = " + dz);
                    }
                }
            }
        }
    }

    @Test
    void derivativesStayAccurateWhereTheActivationSaturates() {
        // 1 − tanh²(19) would be 1 − (1 − 2⁻⁵³·k)² : a few digits; sech² from z keeps them all
        for (double z : Z) {
            BigDecimal e2 = exp(new BigDecimal(2 * z));
            // sech²z = 4e^{2z}/(e^{2z}+1)²
            double sech2 = BigDecimal.valueOf(4).multiply(e2, MC).divide(e2.add(BigDecimal.ONE).pow(2, MC), MC).doubleValue();
            assertEquals(sech2, Activation.TANH.derivative(z), 1e-14 * sech2 + 1e-300, "tanh' at " + z);
            BigDecimal e = exp(new BigDecimal(-z));
            double sigmoidSlope = e.divide(BigDecimal.ONE.add(e).pow(2, MC), MC).doubleValue();
            assertEquals(sigmoidSlope, Activation.SIGMOID.derivative(z), 1e-14 * sigmoidSlope + 1e-300, "σ' at " + z);
            assertEquals(z > 0 ? 1.0 : 0.0, Activation.RELU.derivative(z), 0.0);
        }
        assertTrue(Activation.TANH.derivative(19) > 0);
    }

    @Test
    void nanPropagates() {
        for (Activation activation : Activation.values()) {
            assertTrue(Double.isNaN(activation.difference(0.5, 0.4, 0.3, Double.NaN)), activation.toString());
        }
    }

    private static double exactChange(Activation activation, double zDouble, double dzDouble) {
        BigDecimal z = new BigDecimal(zDouble);
        BigDecimal dz = new BigDecimal(dzDouble);
        BigDecimal shifted = z.add(dz);
        return switch (activation) {
            case TANH -> {
                BigDecimal e2z = exp(z.multiply(BigDecimal.TWO));
                BigDecimal growth = exp(dz.multiply(BigDecimal.TWO)).subtract(BigDecimal.ONE, MC);
                BigDecimal e2shifted = exp(shifted.multiply(BigDecimal.TWO));
                yield BigDecimal.TWO.multiply(e2z, MC).multiply(growth, MC)
                        .divide(e2z.add(BigDecimal.ONE).multiply(e2shifted.add(BigDecimal.ONE), MC), MC).doubleValue();
            }
            case SIGMOID -> {
                BigDecimal eMinusZ = exp(z.negate());
                BigDecimal decay = BigDecimal.ONE.subtract(exp(dz.negate()), MC);
                BigDecimal eMinusShifted = exp(shifted.negate());
                yield eMinusZ.multiply(decay, MC)
                        .divide(BigDecimal.ONE.add(eMinusZ).multiply(BigDecimal.ONE.add(eMinusShifted), MC), MC).doubleValue();
            }
            case RELU -> shifted.max(BigDecimal.ZERO).subtract(z.max(BigDecimal.ZERO)).doubleValue();
        };
    }
}
