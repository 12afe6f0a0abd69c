package dev.numgrad.tour;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.Activation;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.Mlp;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentResult;
import dev.numgrad.optim.GradientClipping;
import dev.numgrad.optim.GradientSource;
import dev.numgrad.optim.Sgd;
import java.io.IOException;
import java.util.Collections;
import java.util.SplittableRandom;
import org.eclipse.collections.api.list.primitive.ImmutableDoubleList;
import org.knowm.xchart.XYChart;

/**
 * Lesson 8: vanishing and exploding gradients. Backprop multiplies, layer by layer from the
 * output, by each layer's weights and activation slopes; when that factor is below 1 the early
 * layers' gradients vanish, when it is above 1 they explode. A deep sigmoid network (σ' ≤ 1/4,
 * weights of variance 1/fan-in) shows the first; a deep ReLU network with weights too large
 * (variance {@value #RELU_GAIN}²/fan-in, twice He's 2/fan-in) the second.
 *
 * <p>The norm shown per layer is that of the bias gradient ∂f/∂b_l, which is the backward signal
 * δ_l itself summed over the batch. The weight gradient δ_l·a_{l−1}ᵀ would hide the ReLU
 * network's explosion: its activations a grow forward as fast as δ grows backward, and the
 * product stays level. The norms come from backprop and from the engine's numeric gradient,
 * which agree. Clipping the gradient norm keeps descent on the exploding network sane.
 *
 * @param depth hidden layers, at least 1
 * @param width units per hidden layer, at least 1
 * @param batch samples, at least 1
 * @param steps descent steps of the clipping demonstration, at least 1
 * @param seed for the inputs and the initial weights
 */
public record VanishingGradients(int depth, int width, int batch, int steps, long seed) implements Lesson {

    static final int INPUTS = 8;
    static final int CLASSES = 4;
    /** Weight scale of the ReLU network: √2 (He) keeps gradients level; 2 makes them grow √2-fold per layer. */
    static final double RELU_GAIN = 2;
    static final double SIGMOID_GAIN = 1;
    static final double LEARNING_RATE = 0.05;
    static final double CLIP_NORM = 1;

    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException for a size below 1
     */
    public VanishingGradients {
        if (depth < 1 || width < 1 || batch < 1 || steps < 1) {
            throw new IllegalArgumentException("depth, width, batch and steps must be at least 1, got "
                    + depth + ", " + width + ", " + batch + ", " + steps);
        }
    }

    /**
     * The tour's networks.
     *
     * @return eight hidden layers of 16 units, a batch of 16, 40 descent steps
     */
    public static VanishingGradients standard() {
        return new VanishingGradients(8, 16, 16, 40, 20261201L);
    }

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String name() {
        return "vanishing";
    }

    @Override
    public String title() {
        return "Vanishing and exploding gradients";
    }

    /** A network and its start point. */
    record Network(String label, Mlp mlp, double[] start) {
    }

    /** Per-layer bias-gradient norms of one network, by backprop and by central differences. */
    record Norms(double[] backprop, double[] numeric) {
    }

    Network network(Activation activation, double gain) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] inputs = new double[batch][INPUTS];
        int[] labels = new int[batch];
        for (int s = 0; s < batch; s++) {
            for (int j = 0; j < INPUTS; j++) {
                inputs[s][j] = random.nextGaussian();
            }
            labels[s] = s % CLASSES;
        }
        Mlp mlp = new Mlp(inputs, labels, CLASSES, Collections.nCopies(depth, new HiddenLayer(width, activation)),
                Kernels.scalar());
        double[] start = new double[mlp.dimension()];
        for (int l = 0; l < mlp.layerCount(); l++) {
            double std = gain / Math.sqrt(mlp.fanIn(l));
            for (int i = mlp.weightOffset(l); i < mlp.biasOffset(l); i++) {
                start[i] = std * random.nextGaussian();
            }
        }
        return new Network(activation.name().toLowerCase(java.util.Locale.ROOT), mlp, start);
    }

    static Norms norms(Network network) {
        Mlp mlp = network.mlp();
        double[] exact = new double[mlp.dimension()];
        mlp.newExactGradient().valueAndGradient(network.start(), exact);
        double[] numeric = NumericGradient.defaults().withExecution(Execution.serial())
                .compute(mlp, network.start()).values();
        double[] byBackprop = new double[mlp.layerCount()];
        double[] byDifferences = new double[mlp.layerCount()];
        for (int l = 0; l < mlp.layerCount(); l++) {
            int from = mlp.biasOffset(l);
            int to = from + mlp.fanOut(l);
            byBackprop[l] = norm(exact, from, to);
            byDifferences[l] = norm(numeric, from, to);
        }
        return new Norms(byBackprop, byDifferences);
    }

    /** ‖∇f‖₂ at the network's start, by backprop. */
    static double gradientNorm(Network network) {
        double[] gradient = new double[network.mlp().dimension()];
        network.mlp().newExactGradient().valueAndGradient(network.start(), gradient);
        return norm(gradient, 0, gradient.length);
    }

    private static double norm(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += v[i] * v[i];
        }
        return Math.sqrt(sum);
    }

    /** SGD on the network, with the given clipping. */
    DescentResult descend(Network network, GradientClipping clipping) {
        return new DescentLoop(new Sgd(LEARNING_RATE), steps).withClipping(clipping)
                .run(GradientSource.exact(network.mlp()), network.start());
    }

    @Override
    public LessonReport teach(Figures figures) throws IOException {
        LessonReport.Builder report = LessonReport.of(this);
        Network sigmoid = network(Activation.SIGMOID, SIGMOID_GAIN);
        Network relu = network(Activation.RELU, RELU_GAIN);
        Norms sigmoidNorms = norms(sigmoid);
        Norms reluNorms = norms(relu);
        int layers = sigmoid.mlp().layerCount();
        report.number("%d hidden layers of %d units, %d inputs, %d classes, batch %d, seed %d; |∂f/∂b| per layer",
                depth, width, INPUTS, CLASSES, batch, seed);
        report.number("%-6s %14s %14s %14s %14s", "layer", "sigmoid bp", "sigmoid fd", "relu×2 bp", "relu×2 fd");
        for (int l = 0; l < layers; l++) {
            report.number("%-6s %14.4e %14.4e %14.4e %14.4e", l + 1 == layers ? "out" : Integer.toString(l + 1),
                    sigmoidNorms.backprop()[l], sigmoidNorms.numeric()[l], reluNorms.backprop()[l], reluNorms.numeric()[l]);
        }
        double sigmoidRatio = sigmoidNorms.backprop()[0] / sigmoidNorms.backprop()[layers - 1];
        double reluRatio = reluNorms.backprop()[0] / reluNorms.backprop()[layers - 1];
        double reluNorm = gradientNorm(relu);
        report.say("Backprop carries a signal δ from the output back to the input, multiplying it at every layer "
                + "by the layer's weights and activation slopes. The bias gradient of a layer is that signal, summed "
                + "over the batch, so its norm shows the signal's size at each layer.");
        report.say("In the sigmoid network the first layer's signal is %.1e times the output layer's: every layer back "
                + "multiplies it by σ' ≤ 1/4 and weights of size about 1. The first layers barely learn.", sigmoidRatio);
        report.say("In the ReLU network with weights too large (variance 4/fan-in, twice He's 2/fan-in) every layer "
                + "back multiplies it by about √2: the first layer's signal is %.1f times the output layer's, and the "
                + "whole gradient has norm %.3g. The numeric gradient (fd, central differences) agrees with backprop "
                + "(bp) layer by layer: the effect is in the network, not in the method.", reluRatio, reluNorm);

        DescentResult plain = descend(relu, GradientClipping.none());
        DescentResult clipped = descend(relu, GradientClipping.byNorm(CLIP_NORM));
        ImmutableDoubleList plainLoss = plain.trace().loss();
        report.number("SGD lr %s on the ReLU network, |∇f| at the start %.3g:", Decimals.brief(LEARNING_RATE),
                reluNorm);
        report.number("  no clipping:       loss %.4g -> %.4g, best %.4g, %s after %d steps", plainLoss.get(0),
                plain.loss(), plain.bestLoss(), plain.stopReason(), plain.iterations());
        report.number("  clip norm to %s:   loss %.4g -> %.4g, best %.4g, %s after %d steps", Decimals.brief(CLIP_NORM),
                clipped.trace().loss().get(0), clipped.loss(), clipped.bestLoss(), clipped.stopReason(), clipped.iterations());
        report.say("Clipping rescales any gradient longer than %s to length %s before the step, keeping its direction: "
                + "a steep cliff can no longer throw the iterate far. Without it, SGD at lr %s ends at loss %.3g (%s); "
                + "with it, at %.3g.", Decimals.brief(CLIP_NORM), Decimals.brief(CLIP_NORM), Decimals.brief(LEARNING_RATE),
                plain.loss(), plain.stopReason(), clipped.loss());

        report.figure(figures.save("lesson-8-norms", "The backward signal per layer, log scale: the sigmoid network's "
                + "vanishes toward the input, the over-scaled ReLU network's grows; numeric and backprop coincide.",
                normsChart(sigmoidNorms, reluNorms)));
        report.figure(figures.save("lesson-8-clipping", "Loss of SGD on the exploding ReLU network, with and without "
                + "clipping the gradient norm.", lossChart(plain, clipped)));
        return report.build();
    }

    private static XYChart normsChart(Norms sigmoid, Norms relu) {
        XYChart chart = Charts.wide("Backward signal per layer: |∂f/∂b|", "layer (1 is next to the input, the last "
                + "is the output layer)", "|∂f/∂b| of the layer");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0E0");
        double[] layers = new double[sigmoid.backprop().length];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = l + 1;
        }
        Charts.line(chart, "sigmoid, backprop", layers, sigmoid.backprop(), Charts.BLUE);
        Charts.dots(chart, "sigmoid, central differences", layers, sigmoid.numeric(), Charts.BLUE);
        Charts.line(chart, "ReLU, weights ×2 too large, backprop", layers, relu.backprop(), Charts.RED);
        Charts.dots(chart, "ReLU, central differences", layers, relu.numeric(), Charts.RED);
        return chart;
    }

    private static XYChart lossChart(DescentResult plain, DescentResult clipped) {
        XYChart chart = Charts.wide("SGD on the exploding ReLU network", "step", "loss");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0E0");
        Charts.stepAxis(chart, Math.max(plain.trace().size(), clipped.trace().size()));
        Charts.lineWithDots(chart, "no clipping", Charts.indices(plain.trace().size()), plain.trace().loss().toArray(), Charts.RED);
        Charts.lineWithDots(chart, "gradient norm clipped to " + Decimals.brief(CLIP_NORM), Charts.indices(clipped.trace().size()),
                clipped.trace().loss().toArray(), Charts.GREEN);
        return chart;
    }
}
