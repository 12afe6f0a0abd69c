package dev.numgrad.loss;

import java.util.Objects;
import org.eclipse.collections.api.factory.Lists;
import org.eclipse.collections.api.list.ImmutableList;
import org.eclipse.collections.api.list.MutableList;

/**
 * The layout of a loss's flat parameter vector: named {@link ParameterBlock}s that tile
 * {@code [0, dimension)} in order, without gaps or overlaps. A loss describes its own layout
 * ({@link Loss#parameterBlocks()}), so a gradient check can say {@code W1[17,203]} and check
 * every block, small biases included.
 *
 * <pre>{@code
 * ParameterBlocks layout = ParameterBlocks.builder()
 *         .matrix("W1", 128, 784).vector("b1", 128)
 *         .matrix("W2", 10, 128).vector("b2", 10)
 *         .build();
 * layout.format(13_531);   // "W1[17,203]"
 * }</pre>
 *
 * @param blocks the blocks in flat order, at least one; block k starts where block k − 1 ends
 */
public record ParameterBlocks(ImmutableList<ParameterBlock> blocks) {

    /**
     * Validates the tiling.
     *
     * @throws IllegalArgumentException if there is no block, the first does not start at 0, a
     *     block does not start where the previous one ends, or two blocks share a name
     */
    public ParameterBlocks {
        Objects.requireNonNull(blocks, "blocks");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("parameter blocks must contain at least one block");
        }
        int expected = 0;
        for (ParameterBlock block : blocks) {
            Objects.requireNonNull(block, "block");
            if (block.offset() != expected) {
                throw new IllegalArgumentException("parameter block " + block.name() + " starts at " + block.offset()
                        + ", expected " + expected + " (blocks must tile the vector in order, without gaps)");
            }
            expected = block.end();
        }
        if (blocks.collect(ParameterBlock::name).toSet().size() != blocks.size()) {
            throw new IllegalArgumentException("parameter block names must be distinct, got "
                    + blocks.collect(ParameterBlock::name).makeString(", "));
        }
    }

    /**
     * One vector block covering the whole vector: the layout of a loss that says nothing more.
     *
     * @param name the block's name, e.g. {@code "x"}
     * @param dimension the vector's length, at least 1
     * @return the one-block layout
     * @throws IllegalArgumentException for a dimension below 1 or a blank name
     */
    public static ParameterBlocks single(String name, int dimension) {
        return new ParameterBlocks(Lists.immutable.of(ParameterBlock.of(name, 0, dimension)));
    }

    /**
     * A builder that appends blocks one after the other from offset 0.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Length of the vector the blocks tile.
     *
     * @return the end of the last block
     */
    public int dimension() {
        return blocks.getLast().end();
    }

    /**
     * Number of blocks.
     *
     * @return at least 1
     */
    public int size() {
        return blocks.size();
    }

    /**
     * Block number {@code k}, in flat order.
     *
     * @param k index of the block
     * @return the block
     * @throws IndexOutOfBoundsException if k is not in [0, size())
     */
    public ParameterBlock get(int k) {
        return blocks.get(k);
    }

    /**
     * Index (in {@link #blocks()}) of the block holding flat coordinate {@code i}, by binary search.
     *
     * @param i a flat index
     * @return the block's index
     * @throws IndexOutOfBoundsException if i is not in [0, dimension())
     */
    public int indexOf(int i) {
        if (i < 0 || i >= dimension()) {
            throw new IndexOutOfBoundsException("coordinate " + i + " is not in [0, " + dimension() + ")");
        }
        int lo = 0;
        int hi = blocks.size();
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (blocks.get(mid).offset() <= i) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The block holding flat coordinate {@code i}.
     *
     * @param i a flat index
     * @return the block
     * @throws IndexOutOfBoundsException if i is not in [0, dimension())
     */
    public ParameterBlock blockOf(int i) {
        return blocks.get(indexOf(i));
    }

    /**
     * The name of flat coordinate {@code i}, e.g. {@code W1[17,203]}.
     *
     * @param i a flat index
     * @return the coordinate's name
     * @throws IndexOutOfBoundsException if i is not in [0, dimension())
     */
    public String format(int i) {
        return blockOf(i).format(i);
    }

    /**
     * The block with this name.
     *
     * @param name a block name
     * @return the block
     * @throws IllegalArgumentException naming the valid blocks if there is none by that name
     */
    public ParameterBlock named(String name) {
        ParameterBlock block = blocks.detect(b -> b.name().equals(name));
        if (block == null) {
            throw new IllegalArgumentException("no parameter block '" + name + "'; blocks: "
                    + blocks.collect(ParameterBlock::name).makeString(", "));
        }
        return block;
    }

    /**
     * The layout in one line, e.g. {@code W1 128×784, b1 128, W2 10×128, b2 10}.
     *
     * @return the blocks described in order
     */
    @Override
    public String toString() {
        return blocks.collect(ParameterBlock::describe).makeString(", ");
    }

    /** Appends blocks in flat order; each starts where the previous one ended. Not thread-safe. */
    public static final class Builder {

        private final MutableList<ParameterBlock> blocks = Lists.mutable.empty();
        private int next;

        private Builder() {
        }

        /**
         * Appends a block of any shape.
         *
         * @param name the block's name
         * @param shape the extent of each axis; none for a scalar. Not modified.
         * @return this builder
         * @throws IllegalArgumentException as {@link ParameterBlock#of(String, int, int...)}
         */
        public Builder block(String name, int... shape) {
            ParameterBlock block = ParameterBlock.of(name, next, shape);
            blocks.add(block);
            next = block.end();
            return this;
        }

        /**
         * Appends a row-major {@code rows × cols} matrix block.
         *
         * @param name the block's name
         * @param rows number of rows, at least 1
         * @param cols number of columns, at least 1
         * @return this builder
         */
        public Builder matrix(String name, int rows, int cols) {
            return block(name, rows, cols);
        }

        /**
         * Appends a vector block.
         *
         * @param name the block's name
         * @param length its length, at least 1
         * @return this builder
         */
        public Builder vector(String name, int length) {
            return block(name, length);
        }

        /**
         * The layout of the blocks appended so far.
         *
         * @return the layout
         * @throws IllegalArgumentException if no block was appended or names repeat
         */
        public ParameterBlocks build() {
            return new ParameterBlocks(blocks.toImmutable());
        }
    }
}
