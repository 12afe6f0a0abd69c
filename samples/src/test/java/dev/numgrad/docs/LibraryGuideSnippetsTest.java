package dev.numgrad.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/library-guide.md's code honest: every Java block there follows a
 * {@code <!-- snippet: FILE#TAG -->} line and must equal, after removing the common indentation,
 * the lines between {@code // tag::TAG[]} and {@code // end::TAG[]} in FILE, which the build
 * compiles (the example project, by ./test). A guide edit that drifts from the code, or a code
 * edit that drifts from the guide, fails here.
 */
class LibraryGuideSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    private static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/library-guide.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("docs/library-guide.md not found above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    @Test
    void everyJavaBlockOfTheGuideIsTakenFromCompiledCode() throws IOException {
        Path root = root();
        String guide = Files.readString(root.resolve("docs/library-guide.md"));
        int javaBlocks = guide.split("```java\\n", -1).length - 1;
        Matcher m = SNIPPET.matcher(guide);
        int checked = 0;
        while (m.find()) {
            Path file = root.resolve(m.group(1));
            String expected = region(file, m.group(2));
            assertEquals(expected, m.group(3), "the guide's snippet " + m.group(1) + "#" + m.group(2)
                    + " differs from the code");
            checked++;
        }
        assertTrue(checked >= 5, "only " + checked + " snippets found");
        assertEquals(javaBlocks, checked, "every ```java block needs a <!-- snippet: FILE#TAG --> line above it");
    }

    /** The tagged lines of a file, without their common indentation, each ending in a newline. */
    static String region(Path file, String tag) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (line.equals("// end::" + tag + "[]")) {
                end = i;
            }
        }
        if (start < 0 || end < start) {
            throw new AssertionError(file + " has no region // tag::" + tag + "[] … // end::" + tag + "[]");
        }
        List<String> region = new ArrayList<>(lines.subList(start, end));
        int indent = Integer.MAX_VALUE;
        for (String line : region) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String line : region) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }
}
