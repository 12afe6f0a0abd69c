package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fails when a {@link KernelSupport} method has no Panama-against-scalar test: a new kernel
 * added to the interface must come with a {@link Covers}-annotated test over random inputs at
 * all lengths ({@link KernelEquivalenceTest}, or {@code PanamaBatchKernelsTest} for the
 * delta-evaluation batch kernels) and one over special values ({@link KernelBoundaryTest}, or
 * the batch kernels' boundary test). A {@code @Covers} naming no interface method fails too, so
 * the registry cannot drift from the interface.
 */
class KernelCoverageTest {

    private static Set<String> kernelMethods() {
        return Arrays.stream(KernelSupport.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The {@code @Covers} names on the given methods of the given test classes. */
    private static Set<String> covered(Predicate<Method> which, Class<?>... testClasses) {
        return Arrays.stream(testClasses)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Covers.class) && which.test(m))
                .flatMap(m -> Arrays.stream(m.getAnnotation(Covers.class).value()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isBoundaryTest(Method m) {
        return m.getName().toLowerCase(Locale.ROOT).contains("boundar");
    }

    /** Package-private in {@code dev.numgrad.kernel.panama}, so found by name. */
    private static Class<?> batchKernelsTest() throws ClassNotFoundException {
        return Class.forName("dev.numgrad.kernel.panama.PanamaBatchKernelsTest");
    }

    @Test
    void everyKernelHasAnEquivalenceTest() throws ClassNotFoundException {
        Set<String> covered = covered(m -> true, KernelEquivalenceTest.class);
        covered.addAll(covered(m -> !isBoundaryTest(m), batchKernelsTest()));
        assertEquals(kernelMethods(), covered,
                "KernelSupport methods vs @Covers in KernelEquivalenceTest and PanamaBatchKernelsTest");
    }

    @Test
    void everyKernelHasABoundaryTest() throws ClassNotFoundException {
        Set<String> expected = kernelMethods();
        expected.remove("name"); // a label, no arithmetic
        Set<String> covered = covered(m -> true, KernelBoundaryTest.class);
        covered.addAll(covered(KernelCoverageTest::isBoundaryTest, batchKernelsTest()));
        assertEquals(expected, covered,
                "KernelSupport methods vs @Covers in KernelBoundaryTest and PanamaBatchKernelsTest.boundaryValues");
    }
}
