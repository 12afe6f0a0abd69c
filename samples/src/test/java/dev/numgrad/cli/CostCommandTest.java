package dev.numgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.numgrad.cli.cost.CostReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code numgrad cost} at tiny sizes (--max-params 5000: three networks of 805, 1,600 and 4,810
 * parameters). Times are not asserted; structure, labels, counts, errors and the agreement of
 * table, CSV, JSON and plots are.
 */
class CostCommandTest {

    private static final Pattern ROW = Pattern.compile(
            "^(mlp\\([0-9,]+\\))\\s+([0-9,]+)\\s+([0-9,]+)\\s.*\\s(\\S+)\\s+(\\S+)\\s+(measured whole|extrapolated from ([0-9,]+) coordinates)$");

    private static int number(String grouped) {
        return Integer.parseInt(grouped.replace(",", ""));
    }

    @Test
    void printsATableWritesTheCsvAndBothPlots(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("new/folder");
        // A budget of 50 ms: the smallest network's black-box gradient may be measured whole,
        // the larger ones are sampled and extrapolated.
        Cli cli = Cli.run("cost", "--max-params", "5000", "--budget", "0.05", "--threads", "2", "--out",
                out.toString(), "--no-progress");

        assertEquals(0, cli.exitCode(), cli.transcript());
        List<Matcher> rows = cli.out().lines().map(ROW::matcher).filter(Matcher::matches).toList();
        assertEquals(3, rows.size(), cli.transcript());
        List<String> csv = Files.readAllLines(out.resolve("cost.csv"));
        assertEquals(CostReport.CSV_COLUMNS.makeString(","), csv.get(0));
        assertEquals(rows.size() + 1, csv.size(), String.join("\n", csv));
        int previous = 0;
        for (int i = 0; i < rows.size(); i++) {
            Matcher row = rows.get(i);
            int parameters = number(row.group(2));
            assertTrue(parameters > previous, "parameters ascend: " + row.group());
            previous = parameters;
            assertEquals(2L * parameters, number(row.group(3)), "2 evaluations per parameter: " + row.group());
            assertTrue(Double.parseDouble(row.group(4)) < 1e-9, "delta err_inf: " + row.group());
            assertTrue(Double.parseDouble(row.group(5)) < 1e-6, "black-box err_inf: " + row.group());

            String[] fields = csv.get(i + 1).replaceFirst("^\"([^\"]*)\"", "$1;").split(";,")[1].split(",");
            assertTrue(csv.get(i + 1).startsWith("\"" + row.group(1) + "\","), csv.get(i + 1));
            assertEquals(parameters, Integer.parseInt(fields[0]), csv.get(i + 1));
            assertEquals(2L * parameters, Long.parseLong(fields[8]), "blackbox_evaluations: " + csv.get(i + 1));
            boolean extrapolated = row.group(7) != null;
            assertEquals(extrapolated ? "extrapolated" : "measured", fields[12], csv.get(i + 1));
            assertEquals(extrapolated ? number(row.group(7)) : parameters, Integer.parseInt(fields[11]), csv.get(i + 1));
            assertEquals(Double.parseDouble(row.group(4)), Double.parseDouble(fields[6]),
                    0.051 * Double.parseDouble(fields[6]), "delta_err_inf as printed: " + csv.get(i + 1));
        }
        assertTrue(cli.out().contains("Growth with the parameters P (least squares of log seconds on log P over the 3 sizes"
                + " from 805 parameters)"),
                cli.out());
        assertTrue(cli.out().contains("A black-box gradient of the largest model here, mlp(64,64,10,32) with 4,810"
                + " parameters, costs "), cli.out());
        assertTrue(cli.out().contains("Wrote " + out.resolve("cost.csv")), cli.out());

        BufferedImage png = ImageIO.read(out.resolve("cost.png").toFile());
        assertNotNull(png, "ImageIO decodes cost.png");
        assertEquals(900, png.getWidth());
        assertEquals(680, png.getHeight());
        Document svg = parseSvg(out.resolve("cost.svg"));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertTrue(svg.getElementsByTagName("path").getLength() > 10, "the SVG draws lines");
        String svgText = Files.readString(out.resolve("cost.svg"));
        boolean anyExtrapolated = rows.stream().anyMatch(row -> row.group(7) != null);
        // XChart writes the legend's text as outlines, so the extrapolated series is found by its dashes.
        assertEquals(anyExtrapolated, svgText.contains("stroke-dasharray:8,6;"), "dashed iff extrapolated");
        assertEquals("", cli.err().replace("WARNING: Using incubator modules: jdk.incubator.vector", "").strip(),
                "no bar with --no-progress");
    }

    @Test
    void withJsonItPrintsALinePerSizeAndASummary(@TempDir Path dir) throws IOException {
        Cli cli = Cli.run("cost", "--max-params", "2000", "--budget", "0.05", "--threads", "1", "--out",
                dir.toString(), "--json");

        assertEquals(0, cli.exitCode(), cli.transcript());
        List<JsonObject> lines = cli.out().lines().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
        assertEquals(3, lines.size(), cli.transcript());
        for (JsonObject size : lines.subList(0, 2)) {
            assertEquals("size", size.get("type").getAsString());
            for (String column : CostReport.CSV_COLUMNS) {
                assertTrue(size.has(column), column + " in " + size);
            }
            int parameters = size.get("parameters").getAsInt();
            assertEquals(2L * parameters, size.get("blackbox_evaluations").getAsLong(), size.toString());
            String basis = size.get("blackbox_basis").getAsString();
            assertEquals(basis.equals("extrapolated"), size.get("blackbox_coordinates").getAsInt() < parameters,
                    size.toString());
        }
        assertEquals(805, lines.get(0).get("parameters").getAsInt());
        assertEquals(1600, lines.get(1).get("parameters").getAsInt());
        JsonObject summary = lines.get(2);
        assertEquals("summary", summary.get("type").getAsString());
        assertEquals(2, summary.get("sizes_measured").getAsInt());
        assertFalse(summary.get("stopped").getAsBoolean());
        assertTrue(summary.get("blackbox_exponent").isJsonNull(), "two sizes are too few to fit: " + summary);
        assertEquals(dir.resolve("cost.csv").toString(), summary.get("csv").getAsString());
        assertTrue(summary.get("conclusions").getAsString().startsWith("A black-box gradient"), summary.toString());
        assertEquals(3, Files.readAllLines(dir.resolve("cost.csv")).size());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a folder");
        assertRefused("--out " + file + " is not a directory", "--out", file.toString());
        assertRefused("--budget must be positive and at most a year, got 0.0 s", "--budget", "0");
        assertRefused("--max-params 100: the smallest model, mlp(784,1,10,32), has 805 parameters, more than 100",
                "--max-params", "100");
        assertRefused("--threads must be at least 1, got 0", "--threads", "0");
        assertRefused("--cluster-name needs --cluster HOST:PORT", "--cluster-name", "lab");
        assertRefused("--cluster needs --cluster-name", "--cluster", "127.0.0.1:5701");
        assertRefused("--cluster 127.0.0.1:x: ", "--cluster", "127.0.0.1:x", "--cluster-name", "lab");
        assertRefused("--threads sets this JVM's pool; with --cluster every worker computes on all its cores",
                "--cluster", "127.0.0.1:5701", "--cluster-name", "lab", "--threads", "2");
        Files.createDirectories(dir.resolve("out/cost.png"));
        assertRefused("cost.png is a directory", "--out", dir.resolve("out").toString());
    }

    private static void assertRefused(String message, String... args) {
        Cli cli = Cli.run(prepend("cost", args));
        assertEquals(2, cli.exitCode(), cli.transcript());
        assertTrue(cli.err().contains(message), cli.transcript());
        assertEquals("", cli.out(), cli.transcript());
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static Document parseSvg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The SVG names an external DTD; parse offline.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
