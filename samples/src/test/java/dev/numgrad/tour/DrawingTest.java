package dev.numgrad.tour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.loss.Evaluator;
import dev.numgrad.model.Rosenbrock;
import dev.numgrad.model.SumOfSquares;
import dev.numgrad.optim.GradientSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry behind the figures: contours on their level, arrows, thinned paths, numbers, wrapping. */
class DrawingTest {

    @Test
    void everyContourPointLiesOnItsLevel() {
        double[] levels = {0.25, 1, 4, 64};
        assertOnLevels(LevelSets.rosenbrock(-2, 2, levels), new Rosenbrock(2).newEvaluator(), levels);
        assertOnLevels(LevelSets.bowl(levels), new SumOfSquares(2).newEvaluator(), levels);
    }

    private static void assertOnLevels(LevelSets sets, Evaluator f, double[] levels) {
        double[] xs = sets.xs();
        double[] ys = sets.ys();
        int level = 0;
        int points = 0;
        for (int k = 0; k < xs.length; k++) {
            if (Double.isNaN(xs[k])) {
                continue;
            }
            double value = f.value(new double[] {xs[k], ys[k]});
            // pieces come level by level; move on when this point is on the next one
            while (Math.abs(value - levels[level]) > 1e-9 * Math.max(1, levels[level]) && level + 1 < levels.length) {
                level++;
            }
            assertEquals(levels[level], value, 1e-9 * Math.max(1, levels[level]), "point " + k);
            points++;
        }
        assertEquals(levels.length - 1, level, "every level is drawn");
        assertTrue(points >= levels.length * LevelSets.POINTS_PER_CURVE);
    }

    @Test
    void aWideRosenbrockLevelGetsItsPointsInsideTheWindow() {
        LevelSets sets = LevelSets.rosenbrock(-2, 2, 256);
        for (double x : sets.xs()) {
            assertTrue(Double.isNaN(x) || (x >= -2 - 1e-12 && x <= 2 + 1e-12), "x₀ = " + x);
        }
    }

    @Test
    void anArrowIsAShaftAndTwoBarbsEndingAtTheTip() {
        Arrows arrows = new Arrows(0.1).add(1, 1, 2, 0).add(0, 0, 0, 0).add(0, 0, 0, -1);
        double[] xs = arrows.xs();
        double[] ys = arrows.ys();
        assertEquals(13, xs.length, "two arrows of six points and a NaN between; the zero vector adds nothing");
        assertArrayEquals(new double[] {1, 3}, new double[] {xs[0], xs[1]});
        assertTrue(xs[2] < 3 && xs[5] < 3, "both barbs point back from the tip");
        assertTrue((ys[2] - 1) * (ys[5] - 1) < 0, "one barb on each side of the shaft");
        assertTrue(Double.isNaN(xs[6]));
        assertEquals(-1, ys[8], 0, "second tip");
    }

    @Test
    void thinningKeepsTheEndsAndDropsCrowdedPoints() {
        PathRecorder path = new PathRecorder(GradientSource.exact(new SumOfSquares(2)));
        double[] gradient = new double[2];
        for (double x : new double[] {0, 0.001, 0.002, 0.5, 0.501, 1.0}) {
            path.valueAndGradient(new double[] {x, 0}, gradient);
        }
        double[][] thinned = path.thinned(0.1);
        assertArrayEquals(new double[] {0, 0.5, 1.0}, thinned[0]);
        assertEquals(6, path.size());
        assertEquals(6, path.thinned(0)[0].length);
    }

    @Test
    void numbersArePrintedBriefly() {
        assertEquals("1.5", Decimals.brief(1.5));
        assertEquals("364", Decimals.brief(364));
        assertEquals("0", Decimals.brief(-0.0));
        assertEquals("1e-10", Decimals.brief(1e-10));
        assertEquals("0.0001", Decimals.brief(1e-4));
        assertEquals("(57, -76)", Decimals.point(57, -76));
    }

    @Test
    void paragraphsWrapAtSpaces() {
        String wrapped = TourCommand.wrap("aaa bbb ccc ddd", 7);
        assertEquals(List.of("aaa bbb", "ccc ddd"), wrapped.lines().toList());
        assertEquals("averyverylongword x", TourCommand.wrap("averyverylongword x", 40));
    }

    @Test
    void lessonsAreFoundByNumberOrName() {
        List<Lesson> lessons = Lessons.standard();
        for (int k = 0; k < lessons.size(); k++) {
            assertEquals(k + 1, lessons.get(k).number());
            assertEquals(lessons.get(k), Lessons.find(lessons, lessons.get(k).name().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(lessons.get(k), Lessons.find(lessons, " " + (k + 1) + " "));
        }
    }
}
