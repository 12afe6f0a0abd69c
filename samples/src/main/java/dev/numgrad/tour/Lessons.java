package dev.numgrad.tour;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The tour's lessons in order, and how the command line picks one. */
public final class Lessons {

    private Lessons() {
    }

    /**
     * The nine lessons at the sizes the tour runs them: all of them in a few seconds.
     *
     * @return lessons 1 to 9, in order
     */
    public static List<Lesson> standard() {
        return List.of(new DerivativeAsLimit(), new CentralDifferences(), new ChoosingTheStep(10),
                new GradientAsCompass(), new DescentOnTheBowl(40), new ChainRule(), WhyBackprop.standard(),
                VanishingGradients.standard(), new OptimizersCompared(3000));
    }

    /**
     * The lesson with this number or name (ignoring case and surrounding blanks).
     *
     * @param lessons the lessons to choose from
     * @param key a number such as {@code 4}, or a name such as {@code compass}
     * @return the lesson
     * @throws IllegalArgumentException for a key that names none; the message lists them all
     */
    public static Lesson find(List<Lesson> lessons, String key) {
        String wanted = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        for (Lesson lesson : lessons) {
            if (wanted.equals(Integer.toString(lesson.number())) || wanted.equals(lesson.name())) {
                return lesson;
            }
        }
        throw new IllegalArgumentException("no lesson '" + key + "'; lessons: " + lessons.stream()
                .map(lesson -> lesson.number() + " " + lesson.name()).collect(Collectors.joining(", ")));
    }
}
