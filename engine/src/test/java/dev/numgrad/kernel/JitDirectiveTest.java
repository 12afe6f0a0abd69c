package dev.numgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler directive's installation: once per JVM, reported by {@link Kernels#jitDirective()},
 * switched off by its property, and never an error for the caller when the JVM cannot take it.
 * {@code VectorMathInliningTest} shows what the directive does.
 */
class JitDirectiveTest {

    private static void assertSoftplusOfZeroIsLn2(Map<String, String> lines) {
        assertEquals(Math.log(2), Double.parseDouble(lines.get("softplusOfZero")), 4 * Math.ulp(Math.log(2)),
                lines::toString);
    }

    @Test
    void selectingPanamaInstallsItOnceForAllThreads() throws Exception {
        Kernels.panama().orElseThrow();
        JitDirective status = Kernels.jitDirective();
        assertEquals(JitDirective.State.INSTALLED, status.state(), status::toString);
        assertTrue(status.inEffect());
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Callable<JitDirective>> installs = Stream.<Callable<JitDirective>>generate(
                    () -> VectorMathInlining::install).limit(8).toList();
            for (Future<JitDirective> again : threads.invokeAll(installs)) {
                assertSame(status, again.get());
            }
        }
    }

    @Test
    void aFreshJvmReportsNotAttemptedUntilPanamaIsSelected(@TempDir Path temp) throws Exception {
        Map<String, String> lines = ChildJvm.run(JitDirectiveProbe.class, List.of("-Djava.io.tmpdir=" + temp));
        assertEquals("NOT_ATTEMPTED", lines.get("before"), lines::toString);
        assertEquals("INSTALLED", lines.get("after"), lines::toString);
        assertEquals("true", lines.get("sameOnSecondInstall"), lines::toString);
        assertSoftplusOfZeroIsLn2(lines);
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(List.of(), left.toList(), "the directive file is deleted after use");
        }
    }

    @Test
    void thePropertySwitchesItOff() throws Exception {
        Map<String, String> lines = ChildJvm.run(JitDirectiveProbe.class, List.of("-Dnumgrad.jitDirective=false"));
        assertEquals("SWITCHED_OFF", lines.get("after"), lines::toString);
        assertTrue(lines.get("detail").contains("-Dnumgrad.jitDirective=false"), lines::toString);
        assertSoftplusOfZeroIsLn2(lines);
    }

    @Test
    void theLaunchersCompileCommandMakesTheDirectiveUnnecessary() throws Exception {
        Map<String, String> lines = ChildJvm.run(JitDirectiveProbe.class, List.of("-XX:CompileCommand=quiet",
                "-XX:CompileCommand=inline,dev.numgrad.kernel.panama.VectorMath::*"));
        assertEquals("COMMAND_LINE", lines.get("after"), lines::toString);
        assertSoftplusOfZeroIsLn2(lines);
        // another CompileCommand is not mistaken for it
        Map<String, String> other = ChildJvm.run(JitDirectiveProbe.class, List.of("-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline,dev.numgrad.kernel.panama.VectorMath::*"));
        assertEquals("INSTALLED", other.get("after"), other::toString);
    }

    @Test
    void anUnwritableTemporaryDirectoryLeavesItUnavailableAndTheKernelsWorking(@TempDir Path temp) throws Exception {
        Path missing = temp.resolve("missing");
        Map<String, String> lines = ChildJvm.run(JitDirectiveProbe.class, List.of("-Djava.io.tmpdir=" + missing));
        assertEquals("UNAVAILABLE", lines.get("after"), lines::toString);
        assertTrue(lines.get("detail").startsWith("cannot write the directive file"), lines::toString);
        assertSoftplusOfZeroIsLn2(lines);
    }

    @Test
    void aJvmWithoutTheManagementModulesLeavesItUnavailableAndTheKernelsWorking() throws Exception {
        Map<String, String> lines = ChildJvm.run(JitDirectiveProbe.class,
                List.of("--limit-modules", "java.base,java.logging,jdk.incubator.vector"));
        assertEquals("UNAVAILABLE", lines.get("after"), lines::toString);
        assertEquals("the java.management module is not in this JVM", lines.get("detail"), lines::toString);
        assertSoftplusOfZeroIsLn2(lines);
    }

    @Test
    void theStatusIsValidated() {
        assertThrows(NullPointerException.class, () -> new JitDirective(null, "why"));
        assertThrows(NullPointerException.class, () -> new JitDirective(JitDirective.State.UNAVAILABLE, null));
        assertFalse(new JitDirective(JitDirective.State.SWITCHED_OFF, "off").inEffect());
        assertTrue(new JitDirective(JitDirective.State.COMMAND_LINE, "launcher").inEffect());
    }
}
