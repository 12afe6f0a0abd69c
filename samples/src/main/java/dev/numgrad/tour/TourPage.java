package dev.numgrad.tour;

import dev.numgrad.cli.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The tour as one web page, {@code index.html}, that a teacher opens or projects: per lesson the
 * explanation, the numbers and the figures. Self-contained: each PNG is embedded as a data URI,
 * so the page works when copied alone, and each figure links its SVG next to the page. Only
 * files that exist when the page is written are embedded or linked; a missing one is named in the
 * caption instead.
 */
final class TourPage {

    /** The page's file name in the output folder. */
    static final String FILE_NAME = "index.html";

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
                   font-size: 19px; line-height: 1.5; color: #222; }
            h1 { font-size: 2em; margin-bottom: 0.2em; }
            h2 { border-top: 2px solid #ddd; padding-top: 1em; margin-top: 2em; }
            pre { background: #f5f5f5; padding: 0.8em; overflow-x: auto; font-size: 14px; line-height: 1.35; }
            figure { margin: 1em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { font-size: 0.9em; color: #555; }
            nav a { margin-right: 0.8em; white-space: nowrap; }
            """;

    private TourPage() {
    }

    /**
     * Writes the page for the reports into {@code directory}, replacing an older page.
     *
     * @param directory the output folder, where the figures are
     * @param reports the lessons taught, in order
     * @param allLessons how many lessons the tour has, to say when the page shows fewer
     * @return the page's path
     */
    static Path write(Path directory, List<LessonReport> reports, int allLessons) throws IOException {
        Path page = directory.resolve(FILE_NAME);
        AtomicFile.writeString(page, html(directory, reports, allLessons));
        return page;
    }

    static String html(Path directory, List<LessonReport> reports, int allLessons) throws IOException {
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>numgrad tour</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>The numgrad tour</h1>\n")
                .append("<p>Derivatives, gradients and why backpropagation matters, with every number computed by "
                        + "numgrad's engine. Written by <code>numgrad tour</code>");
        if (reports.size() < allLessons) {
            html.append("; this page shows ").append(reports.size()).append(" of the ").append(allLessons)
                    .append(" lessons (<code>numgrad tour</code> with no lesson runs them all)");
        }
        html.append(".</p>\n<nav>");
        for (LessonReport report : reports) {
            html.append("<a href=\"#lesson-").append(report.number()).append("\">").append(report.number()).append(". ")
                    .append(escape(report.title())).append("</a> ");
        }
        html.append("</nav>\n");
        for (LessonReport report : reports) {
            lesson(html, directory, report);
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void lesson(StringBuilder html, Path directory, LessonReport report) throws IOException {
        html.append("<section id=\"lesson-").append(report.number()).append("\">\n<h2>").append(report.number())
                .append(". ").append(escape(report.title())).append("</h2>\n");
        // Numbers first, then the text that reads them, as on the terminal.
        html.append("<pre>");
        for (String line : report.numbers()) {
            html.append(escape(line)).append('\n');
        }
        html.append("</pre>\n");
        for (String paragraph : report.text()) {
            html.append("<p>").append(escape(paragraph)).append("</p>\n");
        }
        for (Figure figure : report.figures()) {
            figure(html, directory, figure);
        }
        html.append("</section>\n");
    }

    private static void figure(StringBuilder html, Path directory, Figure figure) throws IOException {
        html.append("<figure>\n");
        if (Files.isRegularFile(figure.png())) {
            html.append("<img alt=\"").append(escape(figure.caption())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(figure.png()))).append("\">\n");
        }
        html.append("<figcaption>").append(escape(figure.caption()));
        if (!Files.isRegularFile(figure.png())) {
            html.append(" (").append(escape(figure.png().getFileName().toString())).append(" is missing)");
        }
        if (Files.isRegularFile(figure.svg())) {
            String href = relative(directory, figure.svg());
            html.append(" <a href=\"").append(escape(href)).append("\">SVG</a>");
        }
        html.append("</figcaption>\n</figure>\n");
    }

    /** The file's address relative to the page, with forward slashes. */
    private static String relative(Path directory, Path file) {
        Path relative = directory.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return relative.toString().replace('\\', '/');
    }

    /** Text as HTML: the five characters that could start markup or end an attribute, escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
