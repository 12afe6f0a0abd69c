package dev.numgrad.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.cli.NumgradCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TourCommandTest {

    @TempDir
    Path dir;

    /** The numgrad command line with captured output. */
    private record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = NumgradCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
            return new Run(code, out.toString(), err.toString());
        }

        String transcript() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @Test
    void oneLessonByNumberPrintsItsNumbersAndWritesItsPlotsAndPage() throws Exception {
        Path out = dir.resolve("out");
        Run run = Run.of("tour", "1", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("1e-04    6.0001000000"), run.transcript());
        assertTrue(Files.isRegularFile(out.resolve("lesson-1-limit.png")));
        assertTrue(Files.isRegularFile(out.resolve("lesson-1-limit.svg")));
        String page = TinyTour.readPage(out);
        assertTrue(page.contains("1 of the 9 lessons"), "the page says it is partial");
        assertPageReferencesOnlyFilesThatExist(out, page);
    }

    @Test
    void aLessonIsFoundByNameToo() {
        Run run = Run.of("tour", "Compass", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("== 4. The gradient as a compass =="), run.transcript());
        assertTrue(run.out().contains("(6.000000, 8.000000)"), run.transcript());
    }

    @Test
    void anUnknownLessonIsABadArgumentThatListsTheLessons() throws IOException {
        Run run = Run.of("tour", "10", "--out", dir.resolve("never").toString());
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("no lesson '10'; lessons: 1 limit, 2 central"), run.transcript());
        assertFalse(Files.exists(dir.resolve("never")), "nothing is created for a refused request");
    }

    @Test
    void anOutputThatIsAFileIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "mine");
        Run run = Run.of("tour", "1", "--out", file.toString());
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("--out " + file + " is not a directory"), run.transcript());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void listNamesTheNineLessons() {
        Run run = Run.of("tour", "--list");
        assertEquals(0, run.exitCode(), run.transcript());
        List<String> lines = run.out().lines().toList();
        assertEquals(9, lines.size(), run.transcript());
        assertTrue(lines.get(8).startsWith("9  optimizers"), run.transcript());
    }

    @Test
    void theWholeTourWritesEveryLessonAndAPageThatEmbedsEveryPlot() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new TourCommand(TinyTour.lessons()));
        commandLine.setOut(new PrintWriter(out));
        int code = commandLine.execute("--out", dir.toString());

        assertEquals(0, code, out.toString());
        String page = TinyTour.readPage(dir);
        for (Lesson lesson : TinyTour.lessons()) {
            assertTrue(out.toString().contains("== " + lesson.number() + ". " + lesson.title() + " =="), out.toString());
            assertTrue(page.contains("<section id=\"lesson-" + lesson.number() + "\">"), "lesson " + lesson.number());
        }
        assertFalse(page.contains(" of the 9 lessons"), "the whole tour's page is not partial");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
            assertEquals(11, pngs.size(), "figures: " + pngs);
            for (Path png : pngs) {
                String svg = png.getFileName().toString().replace(".png", ".svg");
                assertTrue(page.contains("href=\"" + svg + "\""), "the page links " + svg);
            }
            assertEquals(pngs.size(), count(page, "src=\"data:image/png;base64,"), "each PNG is embedded once");
        }
        assertPageReferencesOnlyFilesThatExist(dir, page);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** Every href and src of the page is a data URI, a fragment of the page, or a file next to it. */
    static void assertPageReferencesOnlyFilesThatExist(Path directory, String page) {
        Matcher matcher = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(page);
        int references = 0;
        while (matcher.find()) {
            String target = matcher.group(1);
            references++;
            if (target.startsWith("data:image/png;base64,") || target.startsWith("#")) {
                continue;
            }
            assertFalse(target.contains(":"), "the page points outside its folder: " + target);
            assertTrue(Files.isRegularFile(directory.resolve(target)), "the page links a missing file: " + target);
        }
        assertTrue(references > 0, "the page references nothing");
    }
}
