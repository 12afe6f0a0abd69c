package dev.numgrad.tour;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.collections.api.list.MutableList;
import org.eclipse.collections.impl.factory.Lists;

/**
 * What a lesson taught: the explanation, the numbers it computed (one line each, as printed on
 * the terminal) and the figures it wrote.
 *
 * @param number the lesson's number
 * @param title the lesson's heading
 * @param text the explanation, one paragraph per entry, with the computed numbers in it
 * @param numbers the lines of numbers, aligned for a fixed-width font
 * @param figures the figures written, in the order to show them
 */
public record LessonReport(int number, String title, List<String> text, List<String> numbers, List<Figure> figures) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException for a missing part
     */
    public LessonReport {
        Objects.requireNonNull(title, "title");
        text = List.copyOf(text);
        numbers = List.copyOf(numbers);
        figures = List.copyOf(figures);
    }

    /**
     * A report to fill in while the lesson runs.
     *
     * @param lesson the lesson reporting
     * @return an empty builder
     */
    public static Builder of(Lesson lesson) {
        return new Builder(lesson);
    }

    /** Collects a lesson's text, numbers and figures in order. */
    public static final class Builder {

        private final Lesson lesson;
        private final MutableList<String> text = Lists.mutable.empty();
        private final MutableList<String> numbers = Lists.mutable.empty();
        private final MutableList<Figure> figures = Lists.mutable.empty();

        private Builder(Lesson lesson) {
            this.lesson = Objects.requireNonNull(lesson, "lesson");
        }

        /**
         * Adds a paragraph of explanation.
         *
         * @param format a {@link String#format} pattern, formatted in {@link Locale#ROOT}
         * @param args its arguments
         * @return this builder
         */
        public Builder say(String format, Object... args) {
            text.add(String.format(Locale.ROOT, format, args));
            return this;
        }

        /**
         * Adds a line of numbers.
         *
         * @param format a {@link String#format} pattern, formatted in {@link Locale#ROOT}
         * @param args its arguments
         * @return this builder
         */
        public Builder number(String format, Object... args) {
            numbers.add(String.format(Locale.ROOT, format, args));
            return this;
        }

        /**
         * Adds a figure.
         *
         * @param figure a figure the lesson wrote
         * @return this builder
         */
        public Builder figure(Figure figure) {
            figures.add(Objects.requireNonNull(figure, "figure"));
            return this;
        }

        /**
         * The report.
         *
         * @return what was added, in order
         */
        public LessonReport build() {
            return new LessonReport(lesson.number(), lesson.title(), text, numbers, figures);
        }
    }
}
