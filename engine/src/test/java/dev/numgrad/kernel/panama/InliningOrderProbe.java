package dev.numgrad.kernel.panama;

import static dev.numgrad.kernel.panama.PanamaConstants.LANES;
import static dev.numgrad.kernel.panama.PanamaConstants.SPECIES;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import java.lang.management.ManagementFactory;
import java.util.Random;
import javax.management.ObjectName;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Main class for {@link VectorMathInliningTest}: sets up, deterministically, the compile that
 * made some JVM starts slow, then prints how many bytes each call of the softplus kernel
 * allocates. Run it with {@code -Xbatch}, so that every compile finishes before the call that
 * triggered it returns and the same calls always give the same compiles.
 *
 * <ol>
 *   <li>selects the Panama kernels ({@link Kernels#panama()}), which installs the compiler
 *       directive unless {@code -Dnumgrad.jitDirective=false}; prints its state;</li>
 *   <li>calls {@link VectorMath#exp} directly until C2 has compiled it on its own; prints its
 *       compile level and softplus's (none yet), read from the JVM's code list (jcmd
 *       Compiler.codelist);</li>
 *   <li>calls the softplus kernel until C2 has compiled it, nine calls in ten too short for a
 *       vector: the kernel's profile then counts the exp call site as infrequent, and C2 inlines
 *       an infrequent callee only while it is small and not already compiled bigger than
 *       InlineSmallCode/4. That is the refusal seen on the slow starts, in the same words
 *       ("already compiled into a medium method" for exp, "too big" for log1pFinite); prints
 *       softplus's level;</li>
 *   <li>prints the bytes this thread allocates per softplus call of {@value #LENGTH} elements over
 *       {@value #MEASURED_CALLS} calls: a boxed vector per lane group crossing each refused call,
 *       or none when the directive forced the inlining.</li>
 * </ol>
 * Each line is "key value".
 */
public final class InliningOrderProbe {

    static final int LENGTH = 1024;
    static final int MEASURED_CALLS = 1000;
    private static final long SEED = 7;

    private InliningOrderProbe() {
    }

    public static void main(String[] args) throws Exception {
        KernelSupport panama = Kernels.panama().orElseThrow();
        System.out.println("directive " + Kernels.jitDirective().state());
        System.out.println("lanes " + LANES);

        Random random = new Random(SEED);
        double[] in = new double[LENGTH];
        for (int k = 0; k < LENGTH; k++) {
            in[k] = 20 * (random.nextDouble() - 0.5);
        }
        double[] out = new double[LENGTH];

        // exp hot on its own first, as when C1-compiled kernels call it as a real call
        DoubleVector sum = DoubleVector.zero(SPECIES);
        for (int call = 0; call < 30_000; call++) {
            sum = sum.add(VectorMath.exp(DoubleVector.fromArray(SPECIES, in, (call * LANES) % (LENGTH - LANES))));
        }
        System.out.println("expLevelBeforeKernel " + compileLevel("dev.numgrad.kernel.panama.VectorMath.exp("));
        System.out.println("softplusLevelBeforeKernel " + compileLevel(
                "dev.numgrad.kernel.panama.PanamaKernelSupport.softplus("));

        for (int call = 0; call < 20_000; call++) {
            // one call in ten runs the vector loop twice: the exp call site is executed about 0.2
            // times per call, below C2's InlineFrequencyRatio (0.25), above MinInlineFrequencyRatio
            panama.softplus(in, out, 0, call % 10 == 0 ? 2 * LANES : LANES - 1);
        }
        System.out.println("softplusLevelAfterKernel " + compileLevel(
                "dev.numgrad.kernel.panama.PanamaKernelSupport.softplus("));

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int call = 0; call < MEASURED_CALLS; call++) {
            panama.softplus(in, out, 0, LENGTH);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.println("bytesPerCall " + allocated / MEASURED_CALLS);
        // keeps the direct exp calls and the outputs observable, so none is optimised away
        System.out.println("checksum " + (sum.reduceLanes(VectorOperators.ADD) + out[LENGTH - 1]));
    }

    /** The highest level (0 none, 1–3 C1, 4 C2) at which the method is compiled, from Compiler.codelist. */
    private static int compileLevel(String methodPrefix) throws Exception {
        String codeList = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerCodelist", null, null));
        // each line: compile id, level, state, method and signature, addresses
        return codeList.lines()
                .map(line -> line.strip().split("\\s+"))
                .filter(fields -> fields.length > 3 && fields[3].startsWith(methodPrefix))
                .mapToInt(fields -> Integer.parseInt(fields[1]))
                .max().orElse(0);
    }
}
