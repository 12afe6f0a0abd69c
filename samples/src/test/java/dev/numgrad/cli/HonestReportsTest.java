package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.PoolUnavailableException;
import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.optim.Adam;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.StopReason;
import dev.numgrad.schedule.CancellationToken;
import dev.numgrad.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory;
import org.junit.jupiter.api.Test;

/** Failure reports that say what happened, in words that agree with their numbers. */
class HonestReportsTest {

    private static final Duration NO_HANG = Duration.ofSeconds(60);

    /** A thread factory at a process limit: every thread fails to start. */
    private static final ForkJoinWorkerThreadFactory NO_THREADS = pool -> {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource"
                + " limits reached");
    };

    private static PrintWriter nowhere() {
        return new PrintWriter(new StringWriter());
    }

    private static void assertBadArgument(Cli cli, String named) {
        assertEquals(2, cli.exitCode(), cli.transcript());
        assertEquals(1, cli.errLines().size(), cli.transcript());
        assertTrue(cli.errLines().getFirst().contains(named), "names " + named + "\n" + cli.transcript());
    }

    @Test
    void aTimeoutBelowTheClockResolutionIsABadArgumentNotAnInternalError() {
        assertBadArgument(Cli.run("gradient", "-w", "sumsq", "-s", "10", "--timeout", "1e-10"),
                "below the clock's resolution");
        assertBadArgument(Cli.run("descend", "-w", "sumsq", "-s", "10", "--lr", "0.1", "--time-limit", "0.0000000001s"),
                "below the clock's resolution");
    }

    @Test
    void optionsTheExactGradientWouldIgnoreAreRefused() {
        assertBadArgument(Cli.run("gradient", "-w", "sumsq", "-s", "10", "-m", "backprop", "--step", "1e-4"),
                "--step shapes a numeric gradient");
        assertBadArgument(Cli.run("gradient", "-w", "sumsq", "-s", "10", "-m", "backprop", "--relative-step", "1e-6"),
                "--relative-step");
        assertBadArgument(Cli.run("gradient", "-w", "sumsq", "-s", "10", "-m", "backprop", "-t", "2"), "--threads");
        assertBadArgument(Cli.run("gradient", "-w", "sumsq", "-s", "10", "-m", "backprop", "--scheme", "forward"),
                "--scheme");
        assertBadArgument(Cli.run("gradient", "-w", "sumsq", "-s", "10", "-m", "backprop", "--timeout", "5"),
                "--timeout");
        assertBadArgument(Cli.run("descend", "-w", "sumsq", "-s", "10", "-g", "exact", "--lr", "0.1", "--step", "1e-4"),
                "--step shapes a numeric gradient");
    }

    @Test
    void countsAgreeWithTheirNouns() {
        Cli one = Cli.run("descend", "-w", "sumsq", "-s", "1", "-g", "exact", "--lr", "0.1", "-n", "1");
        assertEquals(0, one.exitCode(), one.transcript());
        assertTrue(one.out().contains("1 parameter\n") || one.out().contains("1 parameter" + System.lineSeparator()),
                one.transcript());
        assertTrue(one.out().contains("after 1 step\n") || one.out().contains("after 1 step" + System.lineSeparator()),
                one.transcript());
        assertTrue(one.out().contains("2 gradients, 2 loss evaluations"), one.transcript());
        Cli gradient = Cli.run("gradient", "-w", "sumsq", "-s", "1", "-m", "backprop", "--warmup", "1");
        assertTrue(gradient.out().contains("sumsq(1), 1 parameter,"), gradient.transcript());
        assertTrue(gradient.out().contains("after 1 warm-up gradient\n")
                || gradient.out().contains("after 1 warm-up gradient" + System.lineSeparator()), gradient.transcript());
        assertFalse(one.out().contains(" 1 steps") || gradient.out().contains(" 1 parameters"));
    }

    @Test
    void theHeapMessageNeverReadsAsAContradiction() {
        long heap = 64L << 20;
        assertEquals("needs ~64.0001 MiB, heap is 64.0000 MiB", Bytes.exceeds(heap + 100, heap));
        assertEquals("needs ~2.5 GiB, heap is 2.0 GiB", Bytes.exceeds(5L << 29, 2L << 30));
        assertEquals("needs ~64.000001 MiB, heap is 64.000000 MiB", Bytes.exceeds(heap + 1, heap));
        assertEquals("needs 2,147,483,649 bytes, heap is 2,147,483,648 bytes", Bytes.exceeds((2L << 30) + 1, 2L << 30));
    }

    @Test
    void aHugeStepLimitIsNotRefusedForATraceItWouldNeverHold() {
        Cli cli = assertTimeoutPreemptively(NO_HANG, () -> Cli.run("descend", "-w", "sumsq", "-s", "10", "-g", "exact",
                "--lr", "0.01", "-n", "2147483647", "--time-limit", "300ms"));
        assertEquals(0, cli.exitCode(), cli.transcript());
        assertTrue(cli.out().contains("TIME_BUDGET"), cli.transcript());
    }

    @Test
    void aHugeRepeatCountIsNotRefusedForTimingsItWouldNeverTake() {
        Cli cli = assertTimeoutPreemptively(NO_HANG, () -> Cli.run("gradient", "-w", "sumsq", "-s", "10", "-t", "1",
                "--repeat", "2147483647", "--timeout", "0.3"));
        assertEquals(1, cli.exitCode(), cli.transcript());
        assertTrue(cli.err().contains("stopped at --timeout 0.3 s"), cli.transcript());
    }

    @Test
    void ctrlCOnAGradientSaysWhatHappenedAndExits130() {
        CancellationToken interrupt = CancellationToken.create();
        interrupt.cancel(); // as GracefulStop's hook does
        GradientRequest request = new GradientRequest(WorkloadSpec.of("sumsq", 1000), Mode.BLACKBOX,
                Scheme.central(), StepPolicy.scaledToScheme(), "default", 2, Kernels.scalar(), 0, 3, 1000, null, null,
                1, null);
        CliFailure failure = assertThrows(CliFailure.class, () -> new GradientRun(request, false, nowhere(), interrupt,
                java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory).run());
        assertEquals(130, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("interrupted (Ctrl-C) during gradient 1 of 3, after 0 of 1,000"
                + " coordinates; nothing was reported or written"), failure.getMessage());
    }

    @Test
    void threadsThatCannotStartAreOneClearFailureNotAHang() {
        GradientRequest request = new GradientRequest(WorkloadSpec.of("sumsq", 1000), Mode.BLACKBOX,
                Scheme.central(), StepPolicy.scaledToScheme(), "default", 4, Kernels.scalar(), 0, 1, 1000, null, null,
                1, null);
        PoolUnavailableException e = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(
                PoolUnavailableException.class,
                () -> new GradientRun(request, false, nowhere(), CancellationToken.create(), NO_THREADS).run()));
        String line = CliErrors.describe(e);
        assertTrue(line.contains("could not start a worker thread") && line.contains("unable to create native thread"),
                line);
        assertFalse(line.contains("heap"), "a thread limit is not blamed on the heap: " + line);

        DescentRequest descent = new DescentRequest(WorkloadSpec.of("sumsq", 100), Mode.BLACKBOX,
                Scheme.central(), StepPolicy.scaledToScheme(), 4, Kernels.scalar(), new DescentLoop(new Adam(0.01), 10),
                "constant", null, null);
        DescentReport report = assertTimeoutPreemptively(NO_HANG, () -> new DescendRun(descent, false, nowhere(),
                CancellationToken.create(), NO_THREADS).run());
        assertEquals(StopReason.FAILED, report.stopReason());
        assertTrue(report.stopDetail().contains("could not start a worker thread"), report.stopDetail());
    }

    @Test
    void anIoFailureWrappedByAWriterIsReportedInTheOperatingSystemsWords() {
        java.io.IOException wrapped = new java.io.IOException("org.xml.sax.SAXException: java.io.IOException: File too"
                + " large\njava.io.IOException: File too large", new RuntimeException("sax",
                        new java.io.IOException("File too large")));
        assertEquals("File too large", IoReason.of(wrapped));
        assertEquals("Permission denied", IoReason.of(new java.nio.file.AccessDeniedException("/ro/x")));
    }

    @Test
    void aThreadLimitIsNotBlamedOnTheHeap() {
        CliFailure threads = ResourceFailure.of(new OutOfMemoryError("unable to create native thread: possibly out of"
                + " memory or process/resource limits reached"), 1 << 20);
        assertTrue(threads.getMessage().startsWith("cannot start a thread"), threads.getMessage());
        CliFailure heap = ResourceFailure.of(new OutOfMemoryError("Java heap space"), 1 << 20);
        assertTrue(heap.getMessage().startsWith("ran out of heap"), heap.getMessage());
    }

    @Test
    void aDivergenceSaysWhatBlewUpAndWhere() {
        Cli cli = Cli.run("descend", "-w", "rosen", "-s", "2", "-g", "exact", "-o", "sgd", "--lr", "10", "-n", "50");
        assertEquals(3, cli.exitCode(), cli.transcript());
        String line = cli.errLines().getLast();
        assertTrue(line.startsWith("numgrad descend: DIVERGED after "), cli.transcript());
        assertTrue(line.contains("at iterate") && line.contains("learning rate 10.0"), cli.transcript());
        assertFalse(cli.out().contains("the loss blew up"), cli.transcript());
    }
}
