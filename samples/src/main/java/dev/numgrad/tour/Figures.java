package dev.numgrad.tour;

import dev.numgrad.cli.ChartFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.XYChart;

/**
 * The folder a tour writes its figures into. Every figure is written twice, as
 * {@code stem.png} and {@code stem.svg}, each whole or not at all ({@link ChartFiles}).
 */
public final class Figures {

    private final Path directory;

    /**
     * Figures in an existing folder.
     *
     * @param directory the folder; created by the caller
     */
    public Figures(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The folder.
     *
     * @return the folder the figures go into
     */
    public Path directory() {
        return directory;
    }

    /**
     * Writes the chart as {@code stem.png} and {@code stem.svg}, replacing older ones.
     *
     * @param stem the file name without extension, e.g. {@code lesson-1-limit}
     * @param caption what the figure shows, for the page
     * @param chart the chart
     * @return the figure and its two files
     * @throws IOException when a file cannot be written
     */
    public Figure save(String stem, String caption, XYChart chart) throws IOException {
        Path png = directory.resolve(stem + ".png");
        Path svg = directory.resolve(stem + ".svg");
        ChartFiles.writePng(chart, png);
        ChartFiles.writeSvg(chart, svg);
        return new Figure(caption, png, svg);
    }
}
