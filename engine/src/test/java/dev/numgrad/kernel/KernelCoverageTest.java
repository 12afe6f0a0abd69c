package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fails when a {@link KernelSupport} method has no Panama-against-scalar test: a new kernel
 * added to the interface must come with a {@link Covers}-annotated test in both
 * {@link KernelEquivalenceTest} (random inputs over all lengths) and {@link KernelBoundaryTest}
 * (special values). A {@code @Covers} naming no interface method fails too, so the registry
 * cannot drift from the interface.
 */
class KernelCoverageTest {

    private static Set<String> kernelMethods() {
        return Arrays.stream(KernelSupport.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> covered(Class<?> testClass) {
        return Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Covers.class))
                .flatMap(m -> Arrays.stream(m.getAnnotation(Covers.class).value()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyKernelHasAnEquivalenceTest() {
        assertEquals(kernelMethods(), covered(KernelEquivalenceTest.class),
                "KernelSupport methods vs @Covers in KernelEquivalenceTest");
    }

    @Test
    void everyKernelHasABoundaryTest() {
        Set<String> expected = kernelMethods();
        expected.remove("name"); // a label, no arithmetic
        assertEquals(expected, covered(KernelBoundaryTest.class),
                "KernelSupport methods vs @Covers in KernelBoundaryTest");
    }
}
