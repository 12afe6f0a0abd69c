package dev.numgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A user's loss that needs no kernels must not make numgrad load them, nor print the "vector
 * module not available" warning of a JVM started without {@code --add-modules}: runs
 * {@link UserLossProbe} in such a child JVM, logging every class it loads.
 */
class UserLossNeedsNoKernelsTest {

    @Test
    void theDescentLoopOnAUserLossLoadsNoKernelAndWarnsNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), UserLossProbe.class.getName());
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, process.exitValue(), err);
        assertTrue(out.contains("losses true true"), out.lines().filter(l -> l.startsWith("losses")).toList() + err);
        assertTrue(out.contains("dev.numgrad.optim.DescentLoop"), "class logging did not work");
        List<String> kernelClasses = out.lines().filter(line -> line.contains("dev.numgrad.kernel.")).toList();
        assertTrue(kernelClasses.isEmpty(), "loaded kernel classes:\n" + String.join("\n", kernelClasses));
        assertFalse(err.contains("numgrad"), "stderr:\n" + err);
    }
}
