package dev.numgrad.check;

import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.ParameterBlock;
import dev.numgrad.loss.ParameterBlocks;
import dev.numgrad.model.Mlp;
import dev.numgrad.model.MlpFaults;
import java.util.Locale;
import java.util.Objects;

/**
 * The backprop mistakes a gradient check must catch, made on purpose to a correct gradient: the
 * same mutations for {@code numgrad check --inject-bug} and for the checker's tests. Each names
 * the block it breaks ({@link #target(DifferentiableLoss)}), so a test can require the report's
 * worst coordinates to lie there.
 */
public enum InjectedBug {

    /**
     * The first matrix block's gradient computed as in × out and stored flat into the out × in
     * block: g'[r·cols + c] = G[k mod rows][k div rows] with k = r·cols + c (a true transpose when
     * the matrix is square).
     */
    TRANSPOSE("transpose") {
        @Override
        ParameterBlock targetBlock(ParameterBlocks blocks) {
            ParameterBlock block = blocks.blocks().detect(b -> b.shape().size() == 2);
            if (block == null) {
                throw unsupported(blocks, "a matrix block");
            }
            return block;
        }

        @Override
        void mutate(double[] g, ParameterBlock block) {
            int rows = block.shape().get(0);
            int cols = block.shape().get(1);
            double[] original = java.util.Arrays.copyOfRange(g, block.offset(), block.end());
            for (int k = 0; k < original.length; k++) {
                g[block.offset() + k] = original[(k % rows) * cols + k / rows];
            }
        }
    },

    /** The first bias block's gradient left at zero (a forgotten ∂b). */
    BIAS("bias") {
        @Override
        ParameterBlock targetBlock(ParameterBlocks blocks) {
            ParameterBlock block = blocks.blocks().detect(b -> b.shape().size() == 1 && b.name().startsWith("b"));
            if (block == null) {
                throw unsupported(blocks, "a bias block (a vector named b…)");
            }
            return block;
        }

        @Override
        void mutate(double[] g, ParameterBlock block) {
            java.util.Arrays.fill(g, block.offset(), block.end(), 0.0);
        }
    },

    /**
     * A wrong hidden-activation derivative in backprop (tanh′ as 1 − tanh, see
     * {@link MlpFaults#wrongActivationDerivative(Mlp)}); needs an {@link Mlp} with a hidden layer.
     * Breaks every block below the output layer; the target reported is the first layer's weights.
     */
    ACTIVATION("activation") {
        @Override
        ParameterBlock targetBlock(ParameterBlocks blocks) {
            return blocks.get(0);
        }

        @Override
        void mutate(double[] g, ParameterBlock block) {
            throw new UnsupportedOperationException("the activation bug is a different backprop, not a mutation");
        }

        @Override
        public AnalyticGradient inject(DifferentiableLoss loss) {
            if (!(loss instanceof Mlp mlp) || mlp.layerCount() < 2) {
                throw new IllegalArgumentException("--inject-bug activation needs an mlp with a hidden layer, not "
                        + loss.name());
            }
            return AnalyticGradient.of(MlpFaults.wrongActivationDerivative(mlp));
        }
    },

    /** One block's gradient doubled: the last matrix block, or the last block when there is none. */
    SCALE("scale") {
        @Override
        ParameterBlock targetBlock(ParameterBlocks blocks) {
            ParameterBlock block = blocks.blocks().toReversed().detect(b -> b.shape().size() == 2);
            return block != null ? block : blocks.get(blocks.size() - 1);
        }

        @Override
        void mutate(double[] g, ParameterBlock block) {
            for (int i = block.offset(); i < block.end(); i++) {
                g[i] *= 2;
            }
        }
    },

    /**
     * An off-by-one in the flat layout: the second block (the only one, if one) written one slot
     * late, g'[o + j] = g[o + j − 1], its first entry taking the previous block's last (or 0).
     */
    LAYOUT("layout") {
        @Override
        ParameterBlock targetBlock(ParameterBlocks blocks) {
            return blocks.get(Math.min(1, blocks.size() - 1));
        }

        @Override
        void mutate(double[] g, ParameterBlock block) {
            int offset = block.offset();
            System.arraycopy(g, Math.max(offset - 1, 0), g, offset + (offset == 0 ? 1 : 0),
                    block.size() - (offset == 0 ? 1 : 0));
            if (offset == 0) {
                g[0] = 0;
            }
        }
    };

    private final String id;

    InjectedBug(String id) {
        this.id = id;
    }

    /**
     * The CLI name.
     *
     * @return e.g. "transpose"
     */
    public String id() {
        return id;
    }

    /**
     * The bug with this CLI name, ignoring case.
     *
     * @param name transpose, bias, activation, scale or layout
     * @return the bug
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static InjectedBug parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (InjectedBug bug : values()) {
            if (bug.id.equals(key)) {
                return bug;
            }
        }
        throw new IllegalArgumentException("unknown bug '" + name + "'; valid bugs: transpose, bias, activation, scale, layout");
    }

    /**
     * The block this bug breaks in {@code loss} (for {@link #ACTIVATION}, the first of several).
     *
     * @param loss the loss
     * @return the block
     * @throws IllegalArgumentException if the loss has no block this bug applies to
     */
    public ParameterBlock target(DifferentiableLoss loss) {
        return targetBlock(Objects.requireNonNull(loss, "loss").parameterBlocks());
    }

    /**
     * The loss's exact gradient with this bug in it.
     *
     * @param loss a loss whose layout has the block the bug needs
     * @return the broken gradient, a fresh array per call
     * @throws IllegalArgumentException if the loss has no block this bug applies to
     */
    public AnalyticGradient inject(DifferentiableLoss loss) {
        ParameterBlock block = target(loss);
        AnalyticGradient correct = AnalyticGradient.of(loss);
        return x -> {
            double[] g = correct.at(x);
            mutate(g, block);
            return g;
        };
    }

    abstract ParameterBlock targetBlock(ParameterBlocks blocks);

    /** Breaks {@code g} in {@code block}. Modified: g. */
    abstract void mutate(double[] g, ParameterBlock block);

    private static IllegalArgumentException unsupported(ParameterBlocks blocks, String needed) {
        return new IllegalArgumentException("this bug needs " + needed + "; the loss's blocks are " + blocks);
    }
}
