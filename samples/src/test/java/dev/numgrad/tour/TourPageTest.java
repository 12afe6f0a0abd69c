package dev.numgrad.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourPageTest {

    @TempDir
    Path dir;

    @Test
    void aFigureWhoseFilesAreGoneIsNamedNotLinked() throws Exception {
        Figure gone = new Figure("a plot", dir.resolve("gone.png"), dir.resolve("gone.svg"));
        LessonReport report = new LessonReport(3, "Choosing h", List.of("text"), List.of("1 2 3"), List.of(gone));

        Path page = TourPage.write(dir, List.of(report), 9);
        String html = Files.readString(page);

        assertFalse(html.contains("gone.svg"), html);
        assertFalse(html.contains("data:image"), html);
        assertTrue(html.contains("(gone.png is missing)"), html);
        TourCommandTest.assertPageReferencesOnlyFilesThatExist(dir, html);
    }

    @Test
    void textIsEscaped() throws Exception {
        LessonReport report = new LessonReport(1, "a < b & \"c\"", List.of("<script>alert(1)</script>"),
                List.of("x > 0"), List.of());
        String html = TourPage.html(dir, List.of(report), 1);
        assertTrue(html.contains("a &lt; b &amp; &quot;c&quot;"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("<script>"), html);
        assertEquals("it&#39;s", TourPage.escape("it's"));
    }
}
