package dev.numgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes an XChart chart as a PNG or an SVG file, whole or not at all ({@link AtomicFile}): the
 * one place where the command line turns a chart into a file, for the descent's loss plot and
 * the tour's figures alike.
 */
public final class ChartFiles {

    private ChartFiles() {
    }

    /**
     * Writes the chart as a PNG image, created or replaced.
     *
     * <p>The image is written to the temporary file by name, not to a stream: ImageIO writing to
     * a stream buffers through a cache file whose cleanup it registers as a shutdown hook, which
     * fails while the JVM is shutting down, and that is when a Ctrl-C'd descent writes its plot
     * ({@code GracefulStop}).
     *
     * @param chart the chart, at the size it was built with
     * @param file the target; its directory must exist
     * @throws IOException when the file cannot be written, or the JVM has no PNG writer
     */
    public static void writePng(XYChart chart, Path file) throws IOException {
        AtomicFile.write(file, temporary -> {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", temporary.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
        });
    }

    /**
     * Writes the chart as an SVG document, created or replaced.
     *
     * @param chart the chart, at the size it was built with
     * @param file the target; its directory must exist
     * @throws IOException when the file cannot be written
     */
    public static void writeSvg(XYChart chart, Path file) throws IOException {
        AtomicFile.writeStream(file,
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    }
}
