package dev.numgrad.tour;

import dev.numgrad.cli.CliFailure;
import dev.numgrad.cli.OutputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eclipse.collections.api.list.MutableList;
import org.eclipse.collections.impl.factory.Lists;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code numgrad tour [LESSON] [--out DIR]}: the guided tour. Runs one lesson or all nine in
 * order, prints each lesson's explanation and numbers, writes its figures (PNG and SVG) into the
 * output folder, and finishes with {@code index.html}, a page of everything that ran.
 */
@Command(
        name = "tour",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "A guided tour of numeric gradients and backprop in nine lessons: numbers computed by numgrad's engine,"
                    + " plots (PNG and SVG) and one page, index.html, to open or project.",
            "",
            "Lessons: 1 limit, 2 central, 3 step, 4 compass, 5 descent, 6 chain, 7 backprop, 8 vanishing,"
                    + " 9 optimizers."
        })
public final class TourCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "LESSON",
            description = "A lesson's number or name; all lessons in order when left out.")
    String lesson;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "numgrad-out",
            description = "Folder for the plots and index.html, created if missing. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--list", description = "List the lessons and exit.")
    boolean list;

    /** Width the explanations are wrapped to on the terminal. */
    static final int TEXT_COLUMNS = 100;

    private final List<Lesson> lessons;

    /** The command with the tour's standard lessons; picocli makes it. */
    public TourCommand() {
        this(Lessons.standard());
    }

    /**
     * The command over the given lessons (tests run them small).
     *
     * @param lessons the tour, in order
     */
    public TourCommand(List<Lesson> lessons) {
        this.lessons = List.copyOf(lessons);
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (Lesson each : lessons) {
                stdout.printf("%d  %-11s %s%n", each.number(), each.name(), each.title());
            }
            stdout.flush();
            return CommandLine.ExitCode.OK;
        }
        List<Lesson> chosen = choose();
        Path directory = prepare(out);
        Figures figures = new Figures(directory);
        MutableList<LessonReport> reports = Lists.mutable.empty();
        for (Lesson each : chosen) {
            LessonReport report;
            long start = System.nanoTime();
            try {
                report = each.teach(figures);
            } catch (IOException e) {
                throw new CliFailure("lesson " + each.number() + " could not write its figures in " + directory
                        + ": " + e.getMessage(), e);
            }
            print(stdout, report, (System.nanoTime() - start) / 1e9);
            reports.add(report);
        }
        try {
            Path page = TourPage.write(directory, reports, lessons.size());
            stdout.println("The page with every number and plot: " + page);
        } catch (IOException e) {
            throw new CliFailure("could not write " + directory.resolve(TourPage.FILE_NAME) + ": " + e.getMessage(), e);
        }
        stdout.flush();
        return CommandLine.ExitCode.OK;
    }

    private List<Lesson> choose() {
        if (lesson == null) {
            return lessons;
        }
        try {
            return List.of(Lessons.find(lessons, lesson));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The output folder, created if missing; refused (exit 2) before any lesson runs when it cannot be. */
    private Path prepare(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), "--out " + directory + " is not a directory");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out " + directory + " cannot be created: " + e);
        }
        // Writes a probe file for real: the operating system's reason, and right for root too.
        new OutputFiles(spec).check("--out", directory.resolve(TourPage.FILE_NAME));
        return directory;
    }

    /** The paragraph broken at spaces into lines of at most {@code columns} characters (longer words stay whole). */
    static String wrap(String paragraph, int columns) {
        StringBuilder text = new StringBuilder(paragraph.length() + 16);
        int lineStart = 0;
        for (String word : paragraph.split(" ")) {
            if (text.length() > lineStart && text.length() - lineStart + 1 + word.length() > columns) {
                text.append('\n');
                lineStart = text.length();
            } else if (text.length() > lineStart) {
                text.append(' ');
            }
            text.append(word);
        }
        return text.toString();
    }

    private static void print(PrintWriter out, LessonReport report, double seconds) {
        out.println();
        out.println("== " + report.number() + ". " + report.title() + " ==");
        for (String line : report.numbers()) {
            out.println("  " + line);
        }
        for (String paragraph : report.text()) {
            out.println();
            out.println(wrap(paragraph, TEXT_COLUMNS));
        }
        for (Figure figure : report.figures()) {
            out.println("  plot: " + figure.png() + " (and .svg)");
        }
        out.printf(Locale.ROOT, "  (lesson %d took %.2f s)%n", report.number(), seconds);
        out.flush();
    }
}
