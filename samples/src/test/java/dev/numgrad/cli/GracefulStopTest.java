package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    /** Plays the signal: the worker is told, and the hook returns only once it has written. */
    @Test
    void stopCancelsInterruptsAndWaitsForTheOutput() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            AtomicReference<GracefulStop> installed = new AtomicReference<>();
            CountDownLatch ready = new CountDownLatch(1);
            AtomicBoolean sawCancel = new AtomicBoolean();
            AtomicBoolean wrote = new AtomicBoolean();
            Thread worker = new Thread(() -> {
                try (GracefulStop stop = GracefulStop.install()) {
                    installed.set(stop);
                    ready.countDown();
                    try {
                        new CountDownLatch(1).await(); // "works" until interrupted
                    } catch (InterruptedException e) {
                        sawCancel.set(stop.token().isCancelled());
                    }
                    wrote.set(true); // the output, before close() lets the shutdown go on
                }
            });
            worker.start();
            ready.await();

            installed.get().stop();

            assertTrue(wrote.get(), "the hook returned only after the output was written");
            assertTrue(sawCancel.get(), "the token was cancelled before the interrupt");
            worker.join();
        });
    }

    @Test
    void closedStopNoLongerWaits() {
        GracefulStop stop = GracefulStop.install();
        stop.close();

        assertTimeoutPreemptively(Duration.ofSeconds(5), stop::stop);
        assertTrue(Thread.interrupted(), "stop interrupts the installing thread (here, this one); cleared");
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
