package dev.numgrad.cli;

import dev.numgrad.schedule.CancellationToken;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C (or any orderly JVM shutdown) end a command the way a stopping rule would: the
 * work stops soon, and what was done is still reported and written before the JVM exits.
 *
 * <p>A shutdown hook is the only portable way a Java program hears SIGINT. While this object is
 * installed, the hook {@linkplain CancellationToken#cancel() cancels} {@link #token()} (a numeric
 * gradient then stops within about one coordinate per worker), interrupts the thread that
 * installed it (a descent checks that between steps), and then holds the JVM's shutdown until
 * {@link #close()} says the output is written, for at most {@link #GRACE}.
 */
final class GracefulStop implements AutoCloseable {

    /** How long a shutdown waits for the output; a stuck command must not keep the JVM alive. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private final CancellationToken token = CancellationToken.create();
    private final Thread worker;
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "numgrad-graceful-stop");

    private GracefulStop(Thread worker) {
        this.worker = worker;
    }

    /** Installs the hook for the calling thread's work; close it once the output is written. */
    static GracefulStop install() {
        GracefulStop stop = new GracefulStop(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Cancelled when the JVM starts to shut down. */
    CancellationToken token() {
        return token;
    }

    /** What the hook does; package-private so that tests can play the signal. */
    void stop() {
        token.cancel();
        worker.interrupt();
        try {
            written.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The output is written: a shutdown under way may finish, and none later waits for this. */
    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook is running; it returns now.
        }
    }
}
