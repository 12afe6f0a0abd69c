package dev.numgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.DimensionMismatchException;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.Loss;
import dev.numgrad.model.Activation;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** float32, kinks, bad scaling, non-finite values, budgets, purity, and the report's forms. */
class CheckerEdgeCasesTest {

    // ---- float32

    /** A logistic regression computed entirely in float: f and its gradient. */
    private record FloatLogistic(float[][] features, float[] labels) {

        static FloatLogistic seeded(long seed, int m, int n) {
            SplittableRandom random = new SplittableRandom(seed);
            float[][] features = new float[m][n];
            float[] labels = new float[m];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < n; c++) {
                    features[r][c] = (float) (2 * random.nextDouble() - 1);
                }
                labels[r] = random.nextBoolean() ? 1 : -1;
            }
            return new FloatLogistic(features, labels);
        }

        Loss loss() {
            return Loss.of("float-logistic", features[0].length, w -> {
                float sum = 0;
                for (int r = 0; r < features.length; r++) {
                    float margin = labels[r] * dot(features[r], w);
                    sum += (float) Math.log1p(Math.exp(-margin));
                }
                return sum / features.length;
            });
        }

        AnalyticGradient gradient() {
            return w -> {
                float[] g = new float[w.length];
                for (int r = 0; r < features.length; r++) {
                    float margin = labels[r] * dot(features[r], w);
                    float weight = (float) (-labels[r] / (1 + Math.exp(margin)));
                    for (int c = 0; c < w.length; c++) {
                        g[c] += weight * features[r][c];
                    }
                }
                double[] out = new double[w.length];
                for (int c = 0; c < w.length; c++) {
                    out[c] = g[c] / features.length;
                }
                return out;
            };
        }

        private static float dot(float[] row, double[] w) {
            float sum = 0;
            for (int c = 0; c < row.length; c++) {
                sum += row[c] * (float) w[c];
            }
            return sum;
        }
    }

    @Test
    void aCorrectFloat32GradientIsNeverFailedWhenDeclared() {
        for (long seed = 0; seed < 12; seed++) {
            FloatLogistic problem = FloatLogistic.seeded(seed, 40, 23);
            double[] w = new double[23];
            SplittableRandom random = new SplittableRandom(seed + 100);
            for (int c = 0; c < w.length; c++) {
                w[c] = (float) (random.nextDouble() * 2 - 1);
            }
            for (CheckMode mode : CheckMode.values()) {
                GradientCheck check = GradientCheck.defaults().withMode(mode).withSeed(seed).withPrecision(Precision.FLOAT32);
                CheckReport report = check.check(problem.loss(), w, problem.gradient());
                assertNotEquals(Outcome.FAILED, report.outcome(), "seed " + seed + ":\n" + report);
                // and float32 still catches a real mistake: one coordinate's gradient halved
                AnalyticGradient halved = x -> {
                    double[] g = problem.gradient().at(x);
                    g[7] *= 0.5;
                    return g;
                };
                CheckReport broken = check.withWorst(3).withSamplesPerBlock(w.length).check(problem.loss(), w, halved);
                if (Math.abs(problem.gradient().at(w)[7]) > 1e-2) {
                    assertEquals(Outcome.FAILED, broken.outcome(), "seed " + seed + ":\n" + broken);
                    assertEquals(7, broken.worst().getFirst().index(), "seed " + seed + ":\n" + broken);
                }
            }
        }
    }

    // ---- kinks

    @Test
    void aReluUnitExactlyAtItsKinkIsReportedAsKinkNotWrong() {
        for (KernelSupport kernels : CorrectGradientsPassTest.kernels()) {
            // inputs and weights are small dyadic numbers, so z = W1[2]·X[0] + b1[2] is exactly 0
            double[][] inputs = {{0.5, -0.25, 0.75}, {0.25, 0.5, -0.5}, {-0.75, 0.25, 0.5}, {0.5, 0.5, 0.25}};
            Mlp relu = new Mlp(inputs, new int[] {0, 1, 2, 1}, 3, List.of(new HiddenLayer(5, Activation.RELU)), kernels);
            double[] x = new double[relu.dimension()];
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.scalb((double) (((i * 37) % 29) - 14), -5);
            }
            int unit = 2;
            int w1 = relu.weightOffset(0);
            double z = 0;
            for (int c = 0; c < 3; c++) {
                z += x[w1 + unit * 3 + c] * inputs[0][c];
            }
            x[relu.biasOffset(0) + unit] = -z;
            for (CheckMode mode : List.of(CheckMode.FULL, CheckMode.SAMPLED)) {
                CheckReport report = GradientCheck.defaults().withMode(mode).check(relu, x);
                String context = kernels.name() + ", " + mode.id() + ":\n" + report;
                assertNotEquals(Outcome.FAILED, report.outcome(), context);
                assertEquals(0, report.wrong(), context);
                assertTrue(report.kinks() > 0, context);
                // kinks only where a ReLU unit's input can cross zero: the first layer; unit 2 among them
                assertTrue(report.worst().select(row -> row.verdict() == Verdict.KINK)
                        .allSatisfy(row -> row.block().equals("W1") || row.block().equals("b1")), context);
                assertTrue(report.worst().anySatisfy(row -> row.verdict() == Verdict.KINK
                        && (row.coordinate().startsWith("W1[2,") || row.coordinate().equals("b1[2]"))), context);
                assertTrue(report.toString().contains("kink"), context);
            }
            CheckReport directional = GradientCheck.defaults().withMode(CheckMode.DIRECTIONAL).check(relu, x);
            assertNotEquals(Outcome.FAILED, directional.outcome(), directional::toString);
        }
    }

    // ---- bad scaling

    @Test
    void steepExponentialsPassThanksToReexaminationAndAWrongOneIsCaught() {
        double[] rates = {200, 400, 700, 900};
        Loss loss = Loss.of("exponentials", rates.length, x -> {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += Math.exp(-rates[i] * x[i]);
            }
            return sum;
        });
        AnalyticGradient exact = x -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = -rates[i] * Math.exp(-rates[i] * x[i]);
            }
            return g;
        };
        for (long seed = 0; seed < 10; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] x = new double[rates.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (2 + 4 * random.nextDouble()) / rates[i];   // t·x in [2, 6]: slopes of similar size
            }
            for (CheckMode mode : CheckMode.values()) {
                CheckReport report = GradientCheck.defaults().withMode(mode).withSeed(seed).check(loss, x, exact);
                assertEquals(Outcome.PASSED, report.outcome(), "seed " + seed + ":\n" + report);
            }
            CheckReport full = GradientCheck.defaults().check(loss, x, exact);
            assertTrue(full.reexamined() > 0, "the default step alone fails t = 900; seed " + seed + ":\n" + full);
            AnalyticGradient slightlyWrong = z -> {
                double[] g = exact.at(z);
                g[3] *= 1.001;   // a 0.1 % error in the steepest coordinate
                return g;
            };
            CheckReport broken = GradientCheck.defaults().check(loss, x, slightlyWrong);
            assertEquals(Outcome.FAILED, broken.outcome(), "seed " + seed + ":\n" + broken);
            assertEquals("x[3]", broken.worst().getFirst().coordinate());
        }
    }

    @Test
    void aHugeOffsetIsCheckedWithoutFalseFailure() {
        // f = (x0 − 1e6)² + (x1 − 3)²: |f| ≈ 1e12 buries x1's slope under rounding in a black-box difference
        Loss loss = Loss.of("offset", 2, x -> (x[0] - 1e6) * (x[0] - 1e6) + (x[1] - 3) * (x[1] - 3));
        AnalyticGradient exact = x -> new double[] {2 * (x[0] - 1e6), 2 * (x[1] - 3)};
        for (long seed = 0; seed < 10; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] x = {random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1};
            for (CheckMode mode : CheckMode.values()) {
                CheckReport report = GradientCheck.defaults().withMode(mode).check(loss, x, exact);
                assertNotEquals(Outcome.FAILED, report.outcome(), "seed " + seed + ":\n" + report);
            }
            CheckReport full = GradientCheck.defaults().check(loss, x, exact);
            CoordinateRow x0 = full.worst().detect(row -> row.index() == 0);
            assertEquals(Verdict.PASSED, x0.verdict(), "seed " + seed + ":\n" + full);
            CheckReport wrong = GradientCheck.defaults().check(loss, x, z -> new double[] {2 * (z[0] - 1e6) * 1.0001, 2 * (z[1] - 3)});
            assertEquals(Outcome.FAILED, wrong.outcome(), "seed " + seed + ":\n" + wrong);
        }
    }

    // ---- non-finite values

    @Test
    void nonFiniteValuesFailNamingTheCoordinate() {
        Mlp mlp = Workloads.mlp(6, 4, 3, 2);
        double[] x = Workloads.start(mlp.dimension());
        int bad = mlp.parameterBlocks().named("b1").offset() + 2;
        AnalyticGradient withNaN = z -> {
            double[] g = AnalyticGradient.of(mlp).at(z);
            g[bad] = Double.NaN;
            return g;
        };
        for (CheckMode mode : CheckMode.values()) {
            CheckReport report = GradientCheck.defaults().withMode(mode).check(mlp, x, withNaN);
            assertEquals(Outcome.FAILED, report.outcome(), report::toString);
            assertEquals("b1[2]", report.worst().getFirst().coordinate(), report::toString);
            assertTrue(Double.isNaN(report.worst().getFirst().analytic()));
            assertTrue(report.toString().contains("b1[2]") && report.toString().contains("NaN"), report::toString);
        }
        Loss logarithm = Loss.of("log", 3, z -> Math.log(z[0]) + z[1] + z[2]);
        CheckReport atPole = GradientCheck.defaults().check(logarithm, new double[] {1e-9, 1, 1},
                z -> new double[] {1 / z[0], 1, 1});
        assertEquals(Outcome.FAILED, atPole.outcome(), atPole::toString);
        assertTrue(atPole.notes().anySatisfy(note -> note.contains("coordinate 0")), atPole::toString);
        CheckReport nanLoss = GradientCheck.defaults().check(Loss.of(2, z -> Double.NaN), new double[] {1, 2}, z -> new double[2]);
        assertEquals(Outcome.FAILED, nanLoss.outcome());
        assertTrue(nanLoss.notes().anySatisfy(note -> note.contains("NaN at x")), nanLoss::toString);
    }

    // ---- budget

    @Test
    void aBudgetStopsTheCheckAndTheReportSaysWhatItCovered() {
        Mlp mlp = Workloads.mlp(40, 20, 5, 3);
        double[] x = Workloads.start(mlp.dimension());
        CheckReport report = GradientCheck.defaults().withBudget(CheckBudget.ofEvaluations(1200)).check(mlp, x);
        assertTrue(report.evaluations() <= 1200, report::toString);
        assertTrue(report.checked() > 0 && report.checked() < mlp.dimension(), report::toString);
        assertTrue(report.coverage().contains("W1[0,0] to ") && report.coverage().contains("budget of 1200 evaluations"),
                report::toString);
        assertEquals(Outcome.PASSED, report.outcome(), report::toString);

        CheckReport timedOut = GradientCheck.defaults().withBudget(CheckBudget.ofTime(Duration.ofNanos(1))).check(mlp, x);
        assertEquals(0, timedOut.checked());
        assertEquals(Outcome.INCONCLUSIVE, timedOut.outcome(), timedOut::toString);
        assertTrue(timedOut.coverage().startsWith("no coordinates"), timedOut::toString);

        CheckReport directional = GradientCheck.defaults().withMode(CheckMode.DIRECTIONAL).withDirections(10)
                .withBudget(CheckBudget.ofEvaluations(7)).check(mlp, x);
        assertTrue(directional.coverage().startsWith("2 of 10 directions"), directional::toString);
        assertTrue(directional.evaluations() <= 7, directional::toString);
    }

    // ---- purity

    @Test
    void hiddenStateInTheLossOrTheGradientIsReported() {
        AtomicLong calls = new AtomicLong();
        Loss drifting = Loss.of("drifting", 3, z -> z[0] * z[0] + z[1] + z[2] + 1e-9 * calls.incrementAndGet());
        CheckReport loss = GradientCheck.defaults().check(drifting, new double[] {1, 2, 3}, z -> new double[] {2 * z[0], 1, 1});
        assertEquals(Outcome.FAILED, loss.outcome(), loss::toString);
        assertTrue(loss.notes().anySatisfy(note -> note.startsWith("the loss is not a pure function of x")), loss::toString);

        Loss bowl = Loss.of("bowl", 3, z -> z[0] * z[0] + z[1] * z[1] + z[2] * z[2]);
        AtomicLong gradientCalls = new AtomicLong();
        CheckReport gradient = GradientCheck.defaults().check(bowl, new double[] {1, 2, 3},
                z -> new double[] {2 * z[0], 2 * z[1] + 1e-9 * gradientCalls.incrementAndGet(), 2 * z[2]});
        assertEquals(Outcome.FAILED, gradient.outcome(), gradient::toString);
        assertTrue(gradient.notes().anySatisfy(note -> note.contains("x[1] was")), gradient::toString);
        // a stated tolerance accepts the nondeterminism
        assertEquals(Outcome.PASSED, GradientCheck.defaults().withPurityTolerance(1e-6).check(bowl, new double[] {1, 2, 3},
                z -> new double[] {2 * z[0], 2 * z[1] + 1e-9 * gradientCalls.incrementAndGet(), 2 * z[2]}).outcome());

        CheckReport modifies = GradientCheck.defaults().check(bowl, new double[] {1, 2, 3}, z -> {
            z[2] = 0;
            return new double[] {2, 4, 6};
        });
        assertTrue(modifies.notes().anySatisfy(note -> note.contains("modified its argument x (first at x[2])")), modifies::toString);
    }

    // ---- the report and validation

    @Test
    void theReportReadsAsATableAndAsJson() {
        Mlp mlp = Workloads.mlp(8, 5, 3, 2);
        double[] x = Workloads.start(mlp.dimension());
        CheckReport report = GradientCheck.defaults().withWorst(3).check(mlp, x, InjectedBug.SCALE.inject(mlp));
        String table = report.toString();
        assertTrue(table.startsWith("gradient check FAILED: mlp(8,5,3,2), full, 63 of 63 coordinates checked: 48 passed, 15 wrong"), table);
        assertTrue(table.contains("worst coordinates:") && table.contains("W2["), table);
        assertTrue(table.contains("how: central differences by delta evaluation, step 2^-18·max(|x_i|, 1), rtol 1.00000e-06"), table);
        assertTrue(table.contains("layout: W1 5×8, b1 5, W2 3×5, b2 3"), table);
        String json = report.toJson();
        assertTrue(json.startsWith("{\"outcome\":\"FAILED\",\"mode\":\"full\""), json);
        assertTrue(json.contains("\"worst\":[{\"index\":"), json);
        assertTrue(json.contains("\"block\":\"W2\""), json);
        assertTrue(json.contains("\"directions\":[],\"notes\":[]"), json);
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count());
        assertEquals(3, report.worst().size());
    }

    @Test
    void badConfigurationAndInputAreRejectedBeforeAnyEvaluation() {
        Loss forbidden = Loss.of("forbidden", 3, z -> {
            throw new AssertionError("evaluated");
        });
        assertThrows(DimensionMismatchException.class, () -> GradientCheck.defaults().check(forbidden, new double[2], z -> z));
        IllegalArgumentException rtol = assertThrows(IllegalArgumentException.class, () -> GradientCheck.defaults().withTolerances(0, 0));
        assertTrue(rtol.getMessage().contains("got 0.0"), rtol.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.defaults().withDirections(0));
        assertThrows(IllegalArgumentException.class, () -> CheckBudget.ofEvaluations(0));
        assertThrows(dev.numgrad.NonFiniteParameterException.class,
                () -> GradientCheck.defaults().check(forbidden, new double[] {0, Double.NaN, 0}, z -> z));
        CheckReport shortGradient = GradientCheck.defaults().check(Loss.of(3, z -> z[0]), new double[3], z -> new double[2]);
        assertEquals(Outcome.FAILED, shortGradient.outcome());
        assertTrue(shortGradient.notes().anySatisfy(note -> note.contains("length 2, expected length 3")), shortGradient::toString);
        assertEquals(CheckMode.DIRECTIONAL, CheckMode.parse("Directional"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CheckMode.parse("fast")).getMessage().contains("full, sampled"));
    }
}
