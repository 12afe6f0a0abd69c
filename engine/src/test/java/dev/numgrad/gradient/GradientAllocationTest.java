package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.ChildJvm;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Once warmed up, a black-box gradient allocates only its per-gradient bookkeeping, never
 * anything per evaluation: no boxed vector from a kernel that missed its inlining, no scratch
 * array per probe. Measured in a child JVM ({@link GradientAllocationProbe}, {@code -Xbatch} so
 * that warm-up compiles deterministically), across the calling thread and the pool's workers,
 * on the Panama kernels with numgrad's compiler directive in effect.
 *
 * <p>The bound: {@value #FIXED_BYTES} bytes, plus {@value #BYTES_PER_COORDINATE} per coordinate
 * (measured: 24 — the result's arrays), plus {@value #BYTES_PER_SAMPLE_AND_WORKER} per sample and
 * worker (measured: 8 — each worker's evaluator scratch). Each gradient here makes two
 * evaluations per coordinate, so a single 16-byte object per evaluation would add 32 bytes per
 * coordinate and break the bound; a boxed vector per kernel loop step breaks it a
 * thousandfold. Two sizes of each loss check that the bound holds as the sizes change.
 */
class GradientAllocationTest {

    static final long FIXED_BYTES = 16_384;
    static final long BYTES_PER_COORDINATE = 32;
    static final long BYTES_PER_SAMPLE_AND_WORKER = 16;

    /** Workload, sizes, samples (0 for rosen), parameters. */
    private record Case(String workload, String sizes, int samples, int dimension) {
        String key() {
            return workload + "(" + sizes + ")/blackbox";
        }

        long bound() {
            return FIXED_BYTES + BYTES_PER_COORDINATE * dimension
                    + BYTES_PER_SAMPLE_AND_WORKER * samples * GradientAllocationProbe.WORKERS;
        }
    }

    @Test
    void warmBlackBoxGradientsAllocateOnlyTheirBookkeeping() throws Exception {
        List<Case> cases = List.of(
                new Case("logreg", "256,1000", 256, 1000), new Case("logreg", "1024,250", 1024, 250),
                new Case("linreg", "256,1000", 256, 1000), new Case("linreg", "1024,250", 1024, 250),
                new Case("rosen", "1000", 0, 1000), new Case("rosen", "10000", 0, 10_000),
                // rows of 2056 doubles: gemvSegment's groups of eight (then one of four)
                new Case("linreg", "20,2056", 20, 2056), new Case("logreg", "20,2056", 20, 2056));
        String[] args = cases.stream()
                .flatMap(c -> Stream.of(c.workload(), c.sizes(), "blackbox")).toArray(String[]::new);
        Map<String, String> lines = ChildJvm.run(GradientAllocationProbe.class, List.of("-Xbatch"), args);
        assertEquals("INSTALLED", lines.get("directive"), lines::toString);
        for (Case c : cases) {
            String measured = lines.get(c.key());
            assertTrue(measured != null && !measured.contains("non-finite"), () -> c.key() + ": " + lines);
            long bytes = Long.parseLong(measured);
            assertTrue(bytes <= c.bound(), () -> c.key() + " allocated " + bytes + " bytes per warm gradient, over the "
                    + c.bound() + " of its bookkeeping: " + lines);
        }
    }
}
