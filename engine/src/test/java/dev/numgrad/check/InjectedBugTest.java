package dev.numgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.Workloads;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every injected bug is caught by every mode, and the worst coordinates lie in the broken block. */
class InjectedBugTest {

    private static final int SEEDS = 4;

    @ParameterizedTest
    @EnumSource(InjectedBug.class)
    void everyModeCatchesTheBugInTheBrokenBlock(InjectedBug bug) {
        for (KernelSupport kernels : CorrectGradientsPassTest.kernels()) {
            Mlp mlp = Workloads.mlp(23, 12, 4, 6, kernels);
            // activation breaks everything below the output layer; the others one block
            Set<String> broken = bug == InjectedBug.ACTIVATION ? Set.of("W1", "b1") : Set.of(bug.target(mlp).name());
            for (CheckMode mode : CheckMode.values()) {
                for (long seed = 0; seed < SEEDS; seed++) {
                    double[] x = CorrectGradientsPassTest.point(mlp.dimension(), seed, (int) (seed % 3));
                    CheckReport report = GradientAssertions.assertGradientWrong(
                            GradientCheck.defaults().withMode(mode).withSeed(seed), mlp, x, bug.inject(mlp));
                    String context = bug.id() + ", " + mode.id() + ", seed " + seed + ", kernels " + kernels.name() + ":\n" + report;
                    assertTrue(report.wrong() > 0, context);
                    CoordinateRow worst = report.worst().getFirst();
                    assertEquals(Verdict.WRONG, worst.verdict(), context);
                    assertTrue(broken.contains(worst.block()), "worst row in " + worst.block() + ", expected " + broken + "; " + context);
                    assertTrue(report.worst().select(row -> row.verdict() == Verdict.WRONG)
                            .allSatisfy(row -> broken.contains(row.block())), context);
                }
            }
        }
    }

    @Test
    void theMutationsBreakOnlyTheirBlock() {
        Mlp mlp = Workloads.mlp(5, 4, 3, 2);
        double[] x = Workloads.start(mlp.dimension());
        double[] correct = AnalyticGradient.of(mlp).at(x);
        for (InjectedBug bug : InjectedBug.values()) {
            if (bug == InjectedBug.ACTIVATION) {
                continue;
            }
            double[] broken = bug.inject(mlp).at(x);
            var block = bug.target(mlp);
            for (int i = 0; i < x.length; i++) {
                if (!block.contains(i)) {
                    assertEquals(correct[i], broken[i], bug + " changed " + mlp.parameterBlocks().format(i));
                }
            }
            assertFalse(java.util.Arrays.equals(correct, broken), bug + " changed nothing");
        }
        // the transpose reads the out×in block as the in×out matrix stored flat
        var w1 = mlp.parameterBlocks().named("W1");
        double[] transposed = InjectedBug.TRANSPOSE.inject(mlp).at(x);
        assertEquals(correct[w1.offset() + 1 * 5 + 0], transposed[w1.offset() + 1]); // k = 1: G[1 mod 4][1 div 4] = G[1][0]
    }

    @Test
    void bugsThatNeedAStructureSayWhichOneIsMissing() {
        var sumsq = Workloads.sumsq(4);
        IllegalArgumentException transpose = assertThrows(IllegalArgumentException.class, () -> InjectedBug.TRANSPOSE.inject(sumsq));
        assertTrue(transpose.getMessage().contains("matrix block") && transpose.getMessage().contains("x 4"), transpose.getMessage());
        IllegalArgumentException activation = assertThrows(IllegalArgumentException.class, () -> InjectedBug.ACTIVATION.inject(sumsq));
        assertTrue(activation.getMessage().contains("mlp with a hidden layer"), activation.getMessage());
        assertEquals(InjectedBug.LAYOUT, InjectedBug.parse(" Layout "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InjectedBug.parse("typo")).getMessage().contains("transpose, bias"));
        // scale and layout apply to any loss
        assertEquals(Outcome.FAILED, GradientCheck.defaults().check(sumsq, Workloads.start(4), InjectedBug.SCALE.inject(sumsq)).outcome());
        assertEquals(Outcome.FAILED, GradientCheck.defaults().check(sumsq, Workloads.start(4), InjectedBug.LAYOUT.inject(sumsq)).outcome());
    }
}
