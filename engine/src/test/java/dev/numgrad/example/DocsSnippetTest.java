package dev.numgrad.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/checking.md shows the JUnit 5 example; this keeps the page and the compiled test
 * ({@link RidgeRegressionGradientTest}) from drifting apart: every marked region of the test's
 * source must appear, unindented, in the page.
 */
class DocsSnippetTest {

    @Test
    void checkingGuideShowsTheCompiledExample() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path module = Files.exists(root.resolve("src/test/java")) ? root : root.resolve("engine");
        String source = Files.readString(module.resolve("src/test/java/dev/numgrad/example/RidgeRegressionGradientTest.java"));
        String page = Files.readString(module.resolveSibling("docs").resolve("checking.md"));
        Matcher region = Pattern.compile("// docs:begin (\\w+)\\n(.*?)\\n\\s*// docs:end \\1", Pattern.DOTALL).matcher(source);
        int regions = 0;
        while (region.find()) {
            regions++;
            String snippet = region.group(2).stripIndent().strip();
            assertTrue(page.contains(snippet), "docs/checking.md lacks the '" + region.group(1)
                    + "' region of RidgeRegressionGradientTest as it now reads:\n" + snippet);
        }
        assertTrue(regions == 2, "expected 2 marked regions, found " + regions);
    }
}
