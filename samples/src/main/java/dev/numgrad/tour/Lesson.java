package dev.numgrad.tour;

import java.io.IOException;

/**
 * One lesson of the tour: an idea behind numeric and backpropagated gradients, shown with numbers
 * that numgrad's own engine computes and, where a picture says more, a figure.
 *
 * <p>A lesson is an immutable value holding its sizes, so tests run it small and the tour runs it
 * at a size a class can watch; {@link #teach} does all the work.
 */
public interface Lesson {

    /**
     * The lesson's place in the tour.
     *
     * @return 1 for the first lesson
     */
    int number();

    /**
     * The name that picks the lesson on the command line, as well as its number.
     *
     * @return a short lower-case word such as {@code limit}; also the stem of its figure files
     */
    String name();

    /**
     * The heading.
     *
     * @return e.g. "The derivative as a limit"
     */
    String title();

    /**
     * Computes the lesson's numbers and writes its figures.
     *
     * @param figures where the figures go
     * @return what to print and to show on the page
     * @throws IOException when a figure cannot be written
     */
    LessonReport teach(Figures figures) throws IOException;
}
