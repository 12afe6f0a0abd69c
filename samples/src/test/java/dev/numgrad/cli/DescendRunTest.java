package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.StopReason;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.workload.WorkloadSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stopped (Ctrl-C) descent still reports and writes. */
class DescendRunTest {

    private static DescentRequest request(Mode gradient, Path trace, Path plot) {
        return new DescentRequest(WorkloadSpec.of("rosen", 50), gradient, Scheme.central(), StepPolicy.scaledToScheme(),
                1, Kernels.scalar(), new DescentLoop(new Adam(0.01), 100), "constant", trace, plot);
    }

    @Test
    void interruptedDescentStopsAtTheNextStepAndStillWritesItsFiles(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.csv");
        Path plot = dir.resolve("loss.png");
        DescendRun run = new DescendRun(request(Mode.BACKPROP, trace, plot), false, new PrintWriter(new StringWriter()),
                CancellationToken.create(), ForkJoinPool.defaultForkJoinWorkerThreadFactory);

        Thread.currentThread().interrupt(); // as GracefulStop's hook does
        DescentReport report = run.run();

        assertEquals(StopReason.CANCELLED, report.stopReason());
        assertEquals(0, report.iterations(), "the start was evaluated, then the interrupt was seen");
        assertEquals(2, Files.readAllLines(trace).size(), "header and the start");
        assertNotNull(ImageIO.read(plot.toFile()));
        assertFalse(Thread.currentThread().isInterrupted(), "cleared so that the files could be written");
        assertTrue(report.toSummary().contains("CANCELLED after 0 steps — interrupted"), report.toSummary());
    }

    @Test
    void cancelledBeforeTheFirstGradientReportsNoLoss(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.csv");
        Path plot = dir.resolve("loss.png");
        CancellationToken token = CancellationToken.create();
        token.cancel();

        DescentReport report = new DescendRun(request(Mode.BLACKBOX, trace, plot), false,
                new PrintWriter(new StringWriter()), token, ForkJoinPool.defaultForkJoinWorkerThreadFactory).run();

        assertEquals(StopReason.CANCELLED, report.stopReason());
        assertTrue(Double.isNaN(report.startLoss()), "no iterate was evaluated");
        assertEquals(1, Files.readAllLines(trace).size(), "the header alone");
        assertNotNull(ImageIO.read(plot.toFile()), "an empty plot still names the run");
        assertTrue(report.toJson().contains("\"start_loss\":null"), report.toJson());
        assertTrue(report.toJson().contains("\"best_loss\":null"), "no best loss of 0 that never happened: "
                + report.toJson());
        assertTrue(report.toSummary().contains("best loss    none (no iterate was evaluated)"), report.toSummary());
    }
}
