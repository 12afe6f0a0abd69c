package dev.numgrad.kernel.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.ChildJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compiler directive that numgrad installs when it selects its Panama kernels keeps
 * {@link VectorMath} inlined into the kernels even after the compile order that made some JVM
 * starts 2–3× slower: exp compiled on its own first, then a kernel compile that finds the exp
 * call infrequent and refuses to inline it, boxing every vector that crosses the call.
 * {@link InliningOrderProbe} sets that order up deterministically in a child JVM ({@code -Xbatch});
 * the second test runs the same procedure with the directive switched off and requires the
 * boxing, which shows that the first test can fail.
 */
class VectorMathInliningTest {

    private static Map<String, String> probe(boolean directive) throws Exception {
        Map<String, String> lines = ChildJvm.run(InliningOrderProbe.class,
                List.of("-Xbatch", "-Dnumgrad.jitDirective=" + directive));
        // the order really happened: exp had its own C2 compile before softplus was compiled,
        // and softplus has a C2 compile of its own by the time it is measured
        assertEquals("4", lines.get("expLevelBeforeKernel"), lines::toString);
        assertEquals("0", lines.get("softplusLevelBeforeKernel"), lines::toString);
        assertEquals("4", lines.get("softplusLevelAfterKernel"), lines::toString);
        return lines;
    }

    @Test
    void withTheDirectiveTheKernelAllocatesNothingAfterTheAdverseCompileOrder() throws Exception {
        Map<String, String> lines = probe(true);
        assertEquals("INSTALLED", lines.get("directive"), lines::toString);
        assertEquals(0, Long.parseLong(lines.get("bytesPerCall")), () -> "softplus of " + InliningOrderProbe.LENGTH
                + " elements allocated " + lines.get("bytesPerCall") + " bytes per call: " + lines);
    }

    @Test
    void withoutTheDirectiveTheSameOrderBoxesEveryVector() throws Exception {
        Map<String, String> lines = probe(false);
        assertEquals("SWITCHED_OFF", lines.get("directive"), lines::toString);
        int vectorsPerCall = InliningOrderProbe.LENGTH / Integer.parseInt(lines.get("lanes"));
        // at least one 16-byte object (an object header) per vector passed to or returned by exp
        long atLeast = 16L * vectorsPerCall;
        long bytes = Long.parseLong(lines.get("bytesPerCall"));
        assertTrue(bytes >= atLeast, () -> "expected the refused inlining to box at least one 16-byte object per "
                + "vector (" + atLeast + " bytes per call), got " + bytes + ": " + lines);
    }
}
