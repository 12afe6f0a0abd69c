package dev.numgrad.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.workload.MlpWorkload;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** The tour at sizes that run in a blink, and checks that a figure is a real picture. */
final class TinyTour {

    static final long SEED = 20261201L;

    private TinyTour() {
    }

    static List<Lesson> lessons() {
        return List.of(new DerivativeAsLimit(), new CentralDifferences(), new ChoosingTheStep(2),
                new GradientAsCompass(), new DescentOnTheBowl(8), new ChainRule(),
                new WhyBackprop(List.of(new MlpWorkload(3, 3, 2, 2), new MlpWorkload(4, 5, 2, 3))),
                new VanishingGradients(3, 4, 4, 5, SEED), new OptimizersCompared(200));
    }

    /** The figure's PNG decodes to an image that is not one flat colour, and its SVG is an svg document. */
    static void assertRealFigure(Figure figure) throws Exception {
        BufferedImage image = ImageIO.read(figure.png().toFile());
        assertNotNull(image, figure.png() + " does not decode as an image");
        assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300, figure.png() + " is too small");
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y += 7) {
            for (int x = 0; x < image.getWidth() && !varied; x += 7) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, figure.png() + " is blank");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // XChart's SVG names the W3C DTD; a test must not fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = factory.newDocumentBuilder().parse(figure.svg().toFile());
        assertEquals("svg", svg.getDocumentElement().getTagName(), figure.svg() + " root");
        assertTrue(svg.getElementsByTagName("path").getLength() > 10, figure.svg() + " draws almost nothing");
    }

    static String readPage(Path directory) throws IOException {
        return Files.readString(directory.resolve(TourPage.FILE_NAME));
    }
}
