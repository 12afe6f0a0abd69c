package dev.numgrad.tour;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Loss;
import java.io.IOException;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * Lesson 6: the chain rule, and partial against total derivatives, on a toy pharmacology story.
 * A dose x (mg) lowers blood pressure y(x) = 60 + 40·e^(−(x−10)/20) (mmHg), and a lower pressure
 * raises the risk of fainting z(y) = 0.005·(150 − y)² (points). At x = 10: y = 100,
 * dy/dx = −2, dz/dy = −0.5, so dz/dx = dz/dy · dy/dx = (−0.5)(−2) = 1: each milligram adds a
 * point of risk. Every one of these derivatives is the engine's numeric one, and the product is
 * checked against the derivative of the composed function.
 *
 * <p>Partial against total: if the drug also raises the risk directly, z(x, y) = 0.005·(150 − y)²
 * + 0.3·x, then ∂z/∂x = 0.3 holds y fixed, while the total dz/dx = ∂z/∂x + ∂z/∂y · dy/dx =
 * 0.3 + 1 = 1.3 lets y move with x, as it does in the patient.
 */
public record ChainRule() implements Lesson {

    static final double DOSE = 10;
    static final double SIDE_EFFECT = 0.3;

    static final DoubleUnaryOperator PRESSURE = x -> 60 + 40 * Math.exp(-(x - DOSE) / 20);
    static final DoubleUnaryOperator RISK = y -> 0.005 * (150 - y) * (150 - y);
    static final DoubleUnaryOperator RISK_OF_DOSE = x -> RISK.applyAsDouble(PRESSURE.applyAsDouble(x));

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String name() {
        return "chain";
    }

    @Override
    public String title() {
        return "Partial versus total derivatives, and the chain rule";
    }

    /** The numbers of the lesson, each from the engine. */
    record Slopes(double pressure, double dydx, double dzdy, double dzdx, double partialX, double partialY,
                  double total) {
    }

    static Slopes slopes() {
        StepPolicy steps = StepPolicy.scaledToScheme();
        double y = PRESSURE.applyAsDouble(DOSE);
        double dydx = Derivative.result("pressure(dose)", PRESSURE, DOSE, Scheme.central(), steps).values()[0];
        double dzdy = Derivative.result("risk(pressure)", RISK, y, Scheme.central(), steps).values()[0];
        double dzdx = Derivative.result("risk(pressure(dose))", RISK_OF_DOSE, DOSE, Scheme.central(), steps).values()[0];
        // z(x, y) as a function of two free variables: its gradient holds the partial derivatives.
        Loss twoVariables = Loss.of("risk(dose, pressure)", 2,
                v -> RISK.applyAsDouble(v[1]) + SIDE_EFFECT * v[0]);
        double[] partial = NumericGradient.defaults().withExecution(Execution.serial())
                .compute(twoVariables, new double[] {DOSE, y}).values();
        double total = Derivative.result("risk(dose, pressure(dose))",
                x -> RISK.applyAsDouble(PRESSURE.applyAsDouble(x)) + SIDE_EFFECT * x, DOSE, Scheme.central(), steps)
                .values()[0];
        return new Slopes(y, dydx, dzdy, dzdx, partial[0], partial[1], total);
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        Slopes s = slopes();
        report.number("dose x = %s mg, blood pressure y(x) = %.6f mmHg, risk z(y) = %.6f",
                Decimals.brief(DOSE), s.pressure(), RISK.applyAsDouble(s.pressure()));
        report.number("dy/dx = %.9f     (pressure per mg)", s.dydx());
        report.number("dz/dy = %.9f     (risk per mmHg)", s.dzdy());
        report.number("chain rule: dz/dy · dy/dx = (%.4f)(%.4f) = %.9f", s.dzdy(), s.dydx(), s.dzdy() * s.dydx());
        report.number("directly:   d/dx z(y(x))             = %.9f", s.dzdx());
        report.number("with a direct effect z(x, y) = z(y) + %s·x:", Decimals.brief(SIDE_EFFECT));
        report.number("  partial ∂z/∂x (y held fixed)  = %.9f", s.partialX());
        report.number("  partial ∂z/∂y (x held fixed)  = %.9f", s.partialY());
        report.number("  total dz/dx = ∂z/∂x + ∂z/∂y·dy/dx = %.4f + (%.4f)(%.4f) = %.9f; directly %.9f",
                s.partialX(), s.partialY(), s.dydx(), s.partialX() + s.partialY() * s.dydx(), s.total());
        report.say("A drug lowers blood pressure by %s mmHg per mg at a dose of 10 mg, and each mmHg less adds %s "
                + "points of fainting risk. The chain rule multiplies the rates along the chain: dz/dx = dz/dy · dy/dx "
                + "= (−0.5)(−2) = 1 point per mg. The engine differentiates the composed function directly and agrees: "
                + "%.9f.", Decimals.brief(-s.dydx()), Decimals.brief(-s.dzdy()), s.dzdx());
        report.say("If the drug also adds risk directly (0.3 points per mg), the partial derivative ∂z/∂x = %.4f "
                + "holds the pressure fixed, which no patient does; the total derivative adds the path through the "
                + "pressure: 0.3 + 1 = %.4f. Backpropagation is this bookkeeping, done for every path at once.",
                s.partialX(), s.total());
        report.figure(figures.save("lesson-6-chain", "Risk against dose: the tangents at 10 mg have the slopes "
                + "the chain rule predicts, 1 without and 1.3 with the direct effect.", chart(s)));
        return report.build();
    }

    private static XYChart chart(Slopes s) {
        XYChart chart = Charts.wide("Fainting risk against dose (a toy model)", "dose x (mg)", "risk z (points)");
        double[] xs = Charts.linspace(0, 50, 201);
        // Straight lines get their two ends only: XChart restarts a dash pattern at every segment.
        double[] ends = {xs[0], xs[xs.length - 1]};
        DoubleUnaryOperator withEffect = x -> RISK_OF_DOSE.applyAsDouble(x) + SIDE_EFFECT * x;
        double z = RISK_OF_DOSE.applyAsDouble(DOSE);
        Charts.line(chart, "z(y(x))", xs, Derivative.values(RISK_OF_DOSE, xs), Charts.BLUE);
        Charts.dashed(chart, "tangent at 10 mg: slope dz/dy · dy/dx = " + Decimals.brief(s.dzdx()), ends,
                Derivative.line(DOSE, z, s.dzdx(), ends), Charts.BLUE);
        Charts.line(chart, "z(y(x)) + 0.3·x, with a direct effect", xs, Derivative.values(withEffect, xs), Charts.ORANGE);
        Charts.dashed(chart, "tangent at 10 mg: total derivative " + Decimals.brief(s.total()), ends,
                Derivative.line(DOSE, withEffect.applyAsDouble(DOSE), s.total(), ends), Charts.ORANGE);
        Charts.dots(chart, "dose 10 mg", new double[] {DOSE, DOSE}, new double[] {z, withEffect.applyAsDouble(DOSE)},
                Charts.BLACK);
        return chart;
    }
}
