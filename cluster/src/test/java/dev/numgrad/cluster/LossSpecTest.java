package dev.numgrad.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.Kernels;
import dev.numgrad.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LossSpecTest {

    @Test
    void workloadSpecsReadBackFromTheirText() {
        LossSpec spec = LossSpec.parse("mlp:784,128,10,32@scalar");
        assertEquals("mlp:784,128,10,32@scalar", spec.text());
        assertEquals(spec, LossSpec.parse(spec.text()));
        assertEquals(LossSpec.workload(WorkloadSpec.of("mlp", 784, 128, 10, 32), Kernels.scalar()), spec);
    }

    @Test
    void aWorkloadWithoutKernelsIsPinnedToThisJvmsKernels() {
        LossSpec.Workload spec = (LossSpec.Workload) LossSpec.parse(" rosen:10 ");
        assertEquals(Kernels.get().name(), spec.kernels());
        assertEquals(Kernels.get().name(), ((LossSpec.Workload) LossSpec.parse("rosen:10@auto")).kernels());
    }

    @Test
    void factorySpecsKeepTheirArgument() {
        LossSpec spec = LossSpec.parse("class:com.example.Quartic:1000,2:x");
        assertEquals(new LossSpec.Factory("com.example.Quartic", "1000,2:x"), spec);
        assertEquals(spec, LossSpec.parse(spec.text()));
        assertEquals("class:com.example.Quartic", LossSpec.parse("class:com.example.Quartic").text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                      | is empty",
        "mlp                     | no ':' after the workload name",
        "mlp:1,2,x,4             | size 'x' in '1,2,x,4' for mlp is not an integer",
        "mlp:1,2,3               | mlp takes 4 sizes",
        "rosen:1                 | rosen size n must be at least 2, got 1",
        "nosuch:3                | unknown workload 'nosuch'",
        "sumsq:10@gpu            | unknown kernels 'gpu'",
        "class:1abc              | '1abc' is not a Java class name",
        "class:                  | '' is not a Java class name",
    })
    void badSpecsSayWhatIsWrong(String text, String expected) {
        LossSpecException e = assertThrows(LossSpecException.class, () -> LossSpec.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aMissingFactoryClassIsNamedWithTheMember() {
        LossUnavailableException e = assertThrows(LossUnavailableException.class,
                () -> LossSpec.parse("class:com.example.Missing").build("10.0.0.9:5701"));
        assertTrue(e.getMessage().contains("member 10.0.0.9:5701")
                && e.getMessage().contains("com.example.Missing is not on its class path"), e.getMessage());
    }

    @Test
    void aClassThatIsNotAFactoryIsRefused() {
        LossUnavailableException e = assertThrows(LossUnavailableException.class,
                () -> LossSpec.parse("class:" + NotAFactory.class.getName()).build("here"));
        assertTrue(e.getMessage().contains("does not implement " + LossFactory.class.getName()), e.getMessage());
    }

    @Test
    void aFactoryThatRejectsItsArgumentIsReported() {
        LossUnavailableException e = assertThrows(LossUnavailableException.class,
                () -> LossSpec.parse("class:" + SlowSquaresFactory.class.getName() + ":ten,0").build("here"));
        assertTrue(e.getMessage().contains(".create(\"ten,0\") threw java.lang.NumberFormatException"), e.getMessage());
    }
}
