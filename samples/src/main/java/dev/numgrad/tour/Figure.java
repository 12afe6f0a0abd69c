package dev.numgrad.tour;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A figure a lesson wrote: the same chart as a PNG (for the page and for slides) and an SVG
 * (for print and for zooming in).
 *
 * @param caption one sentence saying what to look at
 * @param png the PNG file
 * @param svg the SVG file
 */
public record Figure(String caption, Path png, Path svg) {

    /**
     * Validates the parts.
     *
     * @throws NullPointerException for a missing part
     */
    public Figure {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(svg, "svg");
    }
}
