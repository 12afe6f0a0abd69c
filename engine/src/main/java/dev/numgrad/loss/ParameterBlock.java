package dev.numgrad.loss;

import java.util.Objects;
import org.eclipse.collections.api.factory.primitive.IntLists;
import org.eclipse.collections.api.list.primitive.ImmutableIntList;

/**
 * One named part of a loss's flat parameter vector: a weight matrix, a bias vector, a scalar.
 * The block occupies {@code [offset, offset + size())} and is stored row-major in its
 * {@link #shape()}, so flat index {@code offset + r·cols + c} of a 128×784 block {@code W1} is
 * {@code W1[r,c]}. Reports use {@link #format(int)} to name a coordinate as {@code W1[17,203]}
 * instead of {@code 13531}.
 *
 * @param name the block's name as a user knows it, e.g. {@code "W1"}; not blank
 * @param offset index of the block's first entry in the flat vector, at least 0
 * @param shape the extent of each axis, each at least 1; empty for a scalar block
 */
public record ParameterBlock(String name, int offset, ImmutableIntList shape) {

    /**
     * Validates the block.
     *
     * @throws IllegalArgumentException for a blank name, a negative offset, an axis below 1, or
     *     a size beyond {@link Integer#MAX_VALUE}
     */
    public ParameterBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter block name must not be blank");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("parameter block " + name + " offset must be at least 0, got " + offset);
        }
        long size = 1;
        for (int axis = 0; axis < shape.size(); axis++) {
            if (shape.get(axis) < 1) {
                throw new IllegalArgumentException("parameter block " + name + " axis " + axis
                        + " must be at least 1, got " + shape.get(axis));
            }
            size *= shape.get(axis);
            if (offset + size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("parameter block " + name + " ends beyond index "
                        + Integer.MAX_VALUE + ": offset " + offset + ", shape " + shape.makeString("[", ",", "]"));
            }
        }
    }

    /**
     * A block of the given shape.
     *
     * @param name the block's name, not blank
     * @param offset index of its first entry, at least 0
     * @param shape the extent of each axis, each at least 1; none for a scalar. Not modified.
     * @return the block
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static ParameterBlock of(String name, int offset, int... shape) {
        return new ParameterBlock(name, offset, IntLists.immutable.of(shape.clone()));
    }

    /**
     * Number of entries: the product of the shape (1 for a scalar block).
     *
     * @return the size, at least 1
     */
    public int size() {
        int size = 1;
        for (int axis = 0; axis < shape.size(); axis++) {
            size *= shape.get(axis);
        }
        return size;
    }

    /**
     * One past the block's last flat index.
     *
     * @return {@code offset() + size()}
     */
    public int end() {
        return offset + size();
    }

    /**
     * Whether flat index {@code i} lies in this block.
     *
     * @param i a flat index
     * @return {@code offset() <= i < end()}
     */
    public boolean contains(int i) {
        return i >= offset && i < end();
    }

    /**
     * The name of flat coordinate {@code i}: {@code W1[17,203]} for a matrix, {@code b1[5]} for a
     * vector, the bare name for a scalar.
     *
     * @param i a flat index inside this block
     * @return the coordinate's name
     * @throws IndexOutOfBoundsException if i is not in this block
     */
    public String format(int i) {
        if (!contains(i)) {
            throw new IndexOutOfBoundsException("index " + i + " is not in block " + name + " [" + offset + ", " + end() + ")");
        }
        if (shape.isEmpty()) {
            return name;
        }
        int[] index = new int[shape.size()];
        int rest = i - offset;
        for (int axis = shape.size() - 1; axis >= 0; axis--) {
            index[axis] = rest % shape.get(axis);
            rest /= shape.get(axis);
        }
        StringBuilder text = new StringBuilder(name).append('[');
        for (int axis = 0; axis < index.length; axis++) {
            text.append(axis == 0 ? "" : ",").append(index[axis]);
        }
        return text.append(']').toString();
    }

    /**
     * The block and its shape, e.g. {@code W1 128×784}.
     *
     * @return a short description
     */
    public String describe() {
        return shape.isEmpty() ? name + " (scalar)" : name + " " + shape.makeString("", "×", "");
    }
}
