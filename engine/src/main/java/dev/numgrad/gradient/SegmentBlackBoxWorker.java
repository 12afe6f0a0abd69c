package dev.numgrad.gradient;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.SegmentEvaluator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A black-box worker whose private copy of x is an off-heap segment starting on a cache line,
 * evaluated through {@link SegmentEvaluator#value(MemorySegment)}. A fresh array per worker and
 * gradient lands wherever the allocator puts it, and a one-pass loss (rosen(10000)) ran 15–25 %
 * slower from some of those addresses than from others, so gradient times were bimodal; the
 * aligned copy gives every gradient the fast time.
 */
final class SegmentBlackBoxWorker extends BlackBoxWorker {

    /** One element of the copy; the segment is aligned, so the aligned layout holds. */
    private static final ValueLayout.OfDouble ELEMENT = ValueLayout.JAVA_DOUBLE;

    private final SegmentEvaluator segments;
    /** Private copy of x, 64-byte aligned; equal to job.x between probes. */
    private final MemorySegment point;

    /**
     * The copy lives in an automatic arena: freed by the garbage collector once this worker (and
     * so the gradient) is unreachable. Measured per allocation of a copy with 2 pool threads
     * alive: about 2 µs for n = 1000 and 7 µs for n = 10000 (allocation, zeroing, copy, cleaner
     * registration), against about 43 µs to create and close a shared arena (closing one is a
     * handshake with every thread), 20 % of a rosen(1000) gradient's 0.2 ms. A confined arena
     * cannot serve: a worker moves between the pool's threads. An automatic arena also needs no
     * close on the failure and cancellation paths, where another thread may still be using a
     * worker when the gradient throws. The price: a finished gradient's copies wait for a
     * collection; they count against {@code -XX:MaxDirectMemorySize}, whose limit triggers one
     * (checked: 1000 dropped 1 MB segments under a 10 MB limit), so they cannot pile up unbounded.
     */
    SegmentBlackBoxWorker(Job job, SegmentEvaluator segments) {
        super(job, segments, null);
        this.segments = segments;
        this.point = Arena.ofAuto().allocate((long) job.x.length * Double.BYTES, KernelSupport.CACHE_LINE_BYTES);
        MemorySegment.copy(job.x, 0, point, ELEMENT, 0, job.x.length);
    }

    @Override
    public void afterRange(int lo, int hi) {
        checkUnmodified(point, lo, hi);
    }

    @Override
    double evaluateAtBase() {
        return segments.value(point);
    }

    @Override
    void checkUnmodifiedAtBase() {
        checkUnmodifiedAtBase(point);
    }

    @Override
    double evaluatePerturbed(int i, double offset) {
        long at = (long) i * Double.BYTES;
        double xi = point.get(ELEMENT, at);
        point.set(ELEMENT, at, xi + offset);
        try {
            return segments.value(point);
        } finally {
            point.set(ELEMENT, at, xi);
        }
    }
}
