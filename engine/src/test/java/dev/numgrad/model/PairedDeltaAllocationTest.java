package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.ChildJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MLP's paired delta ({@code symmetricDeltas}, the fused Panama pass) allocates nothing per
 * coordinate once C2 has compiled it where it runs: inside {@code symmetricDeltas}, whose compile
 * inlines most of the pass. That context is what once boxed a vector per call (96 bytes: the
 * second label dot met C2's node-count cutoff and called Lanes.sum out of line), which a test of
 * the kernel alone would not see. Child JVM, {@code -Xbatch}: compiles complete before the calls
 * that trigger them return, so the measured sweep runs compiled code. The bound, 4 KiB over
 * the 50,176 first-layer weights, is the thread counter's own noise; one boxed vector per call
 * is 4.8 MB.
 */
class PairedDeltaAllocationTest {

    @Test
    void warmPairedDeltasAllocateNothingPerCoordinate() throws Exception {
        Map<String, String> lines = ChildJvm.run(PairedDeltaAllocationProbe.class, List.of("-Xbatch"), "784", "64");
        assertEquals("panama", lines.get("kernels"), lines::toString);
        String measured = lines.get("allocated");
        assertTrue(measured != null && !measured.contains("non-finite"), lines::toString);
        long bytes = Long.parseLong(measured);
        assertTrue(bytes < 4096, () -> bytes + " bytes over one sweep of paired deltas: " + lines);
    }
}
