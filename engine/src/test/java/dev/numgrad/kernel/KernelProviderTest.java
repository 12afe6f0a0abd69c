package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The selection rules through {@link KernelProvider#select(String, boolean, boolean)}, which takes
 * the module's presence and the JIT's as arguments, so no test depends on or changes JVM-wide state. (This JVM
 * has the module; {@link ScalarFallbackTest} starts one without it.)
 */
class KernelProviderTest {

    @Test
    void scalarIsAlwaysScalarWithoutWarning() {
        for (boolean moduleAvailable : new boolean[] {true, false}) {
            KernelProvider.Selection selection = KernelProvider.select("scalar", moduleAvailable, true);
            assertSame(KernelProvider.SCALAR, selection.kernels());
            assertEquals(Optional.empty(), selection.warning());
        }
    }

    @Test
    void autoPrefersPanamaWhenTheModuleIsPresent() {
        KernelProvider.Selection selection = KernelProvider.select("auto", true, true);
        assertEquals("panama", selection.kernels().name());
        assertEquals(Optional.empty(), selection.warning());
    }

    @Test
    void autoFallsBackToScalarWithAWarningThatSaysHowToFixIt() {
        KernelProvider.Selection selection = KernelProvider.select("auto", false, true);
        assertSame(KernelProvider.SCALAR, selection.kernels());
        String warning = selection.warning().orElseThrow();
        assertTrue(warning.contains("--add-modules jdk.incubator.vector"), warning);
    }

    @Test
    void panamaWithoutTheModuleIsAnErrorThatSaysHowToFixIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelProvider.select("panama", false, true));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }

    @Test
    void autoAvoidsPanamaWithoutTheOptimizingCompiler() {
        KernelProvider.Selection selection = KernelProvider.select("auto", true, false);
        assertSame(KernelProvider.SCALAR, selection.kernels());
        String warning = selection.warning().orElseThrow();
        assertTrue(warning.contains("C2 compiler is disabled") && warning.contains("-Dnumgrad.kernels=panama"), warning);
        assertEquals("panama", KernelProvider.select("panama", true, false).kernels().name(), "forcing is honoured");
    }

    @Test
    void theJitIsReadFromTheVmDescription() {
        // surefire runs tests with the default tiered compiler, C2 included
        assertTrue(KernelProvider.optimizingJitEnabled(), System.getProperty("java.vm.info"));
    }

    @Test
    void panamaWithTheModuleIsPanama() {
        assertEquals("panama", KernelProvider.select("panama", true, true).kernels().name());
    }

    @Test
    void anUnknownChoiceIsNamedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelProvider.select("avx512", true, true));
        assertTrue(e.getMessage().contains("'avx512'") && e.getMessage().contains("auto, scalar, panama"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelProvider.select("", false, true));
        assertThrows(NullPointerException.class, () -> KernelProvider.select(null, false, true));
    }

    @Test
    void choicesIgnoreCaseAndBlanks() {
        assertSame(KernelProvider.SCALAR, KernelProvider.select(" Scalar ", true, true).kernels());
        assertEquals("panama", KernelProvider.select("PANAMA", true, true).kernels().name());
    }

    @Test
    void facadeNamesMatchTheirKernels() {
        assertEquals("scalar", Kernels.byName("scalar").name());
        assertEquals("panama", Kernels.byName("panama").name());
        assertEquals("panama", Kernels.byName("auto").name());
        assertEquals("panama", Kernels.panama().orElseThrow().name());
        assertSame(Kernels.byName("panama"), Kernels.panama().orElseThrow(), "Panama is loaded once");
        assertThrows(IllegalArgumentException.class, () -> Kernels.byName("fast"));
        // surefire sets no -Dnumgrad.kernels, so the default is auto
        assertEquals("panama", Kernels.get().name());
    }
}
