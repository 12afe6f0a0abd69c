package dev.numgrad.gradient;

import dev.numgrad.kernel.KernelSupport;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Cache-line-aligned off-heap segments for the black-box workers' private copies of x, kept
 * between gradients so that a loop of gradients of one loss (a descent, a benchmark, a test
 * suite's gradient checks) allocates none after the first.
 *
 * <p>Why: a fresh segment is a native allocation whose pages the process touches for the first
 * time. On the development VM {@code Arena.ofAuto().allocate} of 80 KB took 220–280 µs in steady
 * state (the freed copies wait for a collection, so every allocation gets fresh memory), and a
 * rosen(10000) gradient on two workers made two of them: 0.3–0.7 ms of its 9.5 ms before the
 * second worker could start.
 *
 * <p>At most {@link #maxIdleBytes} bytes wait here; beyond that the least recently returned
 * segments are dropped, and the garbage collector frees them like any automatic arena's memory.
 * Thread-safe: workers of concurrent gradients take and return segments from any thread.
 */
final class AlignedCopies {

    /** The limit of {@link #SHARED}: two 4-million-parameter copies, or 800 of rosen(10000). */
    static final long SHARED_MAX_IDLE_BYTES = 64L << 20;

    /** The copies every black-box gradient in this JVM shares. */
    static final AlignedCopies SHARED = new AlignedCopies(SHARED_MAX_IDLE_BYTES);

    private final long maxIdleBytes;
    /** Most recently returned first. */
    private final ArrayDeque<MemorySegment> idle = new ArrayDeque<>();
    private long idleBytes;

    /** @param maxIdleBytes the most bytes kept between uses, at least 0 */
    AlignedCopies(long maxIdleBytes) {
        if (maxIdleBytes < 0) {
            throw new IllegalArgumentException("maxIdleBytes must be non-negative, got " + maxIdleBytes);
        }
        this.maxIdleBytes = maxIdleBytes;
    }

    /**
     * A segment of exactly {@code bytes} bytes starting on a cache line: a returned one of that
     * size when one waits here, else a new one. Its contents are unspecified.
     *
     * @param bytes the size, at least 0
     */
    MemorySegment take(long bytes) {
        synchronized (this) {
            for (Iterator<MemorySegment> it = idle.iterator(); it.hasNext();) {
                MemorySegment segment = it.next();
                if (segment.byteSize() == bytes) {
                    it.remove();
                    idleBytes -= bytes;
                    return segment;
                }
            }
        }
        return Arena.ofAuto().allocate(bytes, KernelSupport.CACHE_LINE_BYTES);
    }

    /**
     * Keeps {@code segment} for a later {@link #take}; the caller must not use it afterwards.
     *
     * @param segment a segment from {@link #take}
     */
    synchronized void giveBack(MemorySegment segment) {
        if (segment.byteSize() > maxIdleBytes) {
            return;
        }
        idle.addFirst(segment);
        idleBytes += segment.byteSize();
        while (idleBytes > maxIdleBytes) {
            idleBytes -= idle.removeLast().byteSize();
        }
    }

    /** {@return the bytes waiting to be reused} */
    synchronized long idleBytes() {
        return idleBytes;
    }
}
