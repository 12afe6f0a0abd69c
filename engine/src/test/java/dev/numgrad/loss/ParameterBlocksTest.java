package dev.numgrad.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.Activation;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.Workload;
import dev.numgrad.workload.WorkloadSpec;
import dev.numgrad.workload.Workloads;
import java.util.List;
import org.eclipse.collections.api.factory.Lists;
import org.junit.jupiter.api.Test;

class ParameterBlocksTest {

    @Test
    void namesCoordinatesByBlockAndRowMajorIndex() {
        ParameterBlocks layout = ParameterBlocks.builder()
                .matrix("W1", 128, 784).vector("b1", 128).matrix("W2", 10, 128).vector("b2", 10).build();
        assertEquals(101_770, layout.dimension());
        assertEquals("W1[0,0]", layout.format(0));
        assertEquals("W1[17,203]", layout.format(17 * 784 + 203));
        assertEquals("W1[127,783]", layout.format(128 * 784 - 1));
        assertEquals("b1[0]", layout.format(128 * 784));
        assertEquals("W2[9,127]", layout.format(128 * 784 + 128 + 1279));
        assertEquals("b2[9]", layout.format(101_769));
        assertEquals("W1 128×784, b1 128, W2 10×128, b2 10", layout.toString());
        assertEquals("b2", layout.named("b2").name());
        assertEquals("scale", ParameterBlocks.builder().vector("v", 3).block("scale").build().format(3));
    }

    @Test
    void rejectsGapsRepeatsAndBadShapesNamingTheValue() {
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> new ParameterBlocks(
                Lists.immutable.of(ParameterBlock.of("a", 0, 3), ParameterBlock.of("b", 4, 2))));
        assertTrue(gap.getMessage().contains("b starts at 4, expected 3"), gap.getMessage());
        IllegalArgumentException repeat = assertThrows(IllegalArgumentException.class,
                () -> ParameterBlocks.builder().vector("b", 2).vector("b", 3).build());
        assertTrue(repeat.getMessage().contains("distinct"), repeat.getMessage());
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class, () -> ParameterBlock.of("W", 0, 3, 0));
        assertTrue(axis.getMessage().contains("axis 1 must be at least 1, got 0"), axis.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterBlocks.builder().build());
        assertThrows(IndexOutOfBoundsException.class, () -> ParameterBlocks.single("x", 4).format(4));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ParameterBlocks.single("x", 4).named("W1"));
        assertTrue(unknown.getMessage().contains("blocks: x"), unknown.getMessage());
    }

    @Test
    void mlpBlocksMatchItsFlatLayoutLayerByLayer() {
        double[][] inputs = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}};
        Mlp deep = new Mlp(inputs, new int[] {0, 2}, 4,
                List.of(HiddenLayer.tanh(5), new HiddenLayer(2, Activation.RELU)), Kernels.scalar());
        ParameterBlocks layout = deep.parameterBlocks();
        assertEquals(deep.dimension(), layout.dimension());
        assertEquals(6, layout.size());
        for (int l = 0; l < deep.layerCount(); l++) {
            ParameterBlock w = layout.get(2 * l);
            ParameterBlock b = layout.get(2 * l + 1);
            assertEquals("W" + (l + 1), w.name());
            assertEquals(deep.weightOffset(l), w.offset());
            assertEquals(List.of(deep.fanOut(l), deep.fanIn(l)), List.of(w.shape().get(0), w.shape().get(1)));
            assertEquals("b" + (l + 1), b.name());
            assertEquals(deep.biasOffset(l), b.offset());
            assertEquals(deep.fanOut(l), b.size());
        }
    }

    @Test
    void everyWorkloadDescribesItsLayout() {
        for (Workload workload : Workload.values()) {
            WorkloadSpec spec = switch (workload) {
                case SUMSQ -> WorkloadSpec.of("sumsq", 7);
                case ROSEN -> WorkloadSpec.of("rosen", 7);
                case LINREG -> WorkloadSpec.of("linreg", 5, 7);
                case LOGREG -> WorkloadSpec.of("logreg", 5, 7);
                case MLP -> WorkloadSpec.of("mlp", 7, 3, 2, 4);
            };
            Loss loss = spec.build(Kernels.scalar());
            ParameterBlocks layout = loss.parameterBlocks();
            assertEquals(loss.dimension(), layout.dimension(), spec.label());
            String expected = switch (workload) {
                case SUMSQ, ROSEN -> "x 7";
                case LINREG, LOGREG -> "w 7";
                case MLP -> "W1 3×7, b1 3, W2 2×3, b2 2";
            };
            assertEquals(expected, layout.toString(), spec.label());
        }
        assertEquals("x 3", Loss.of(3, x -> 0).parameterBlocks().toString());
        assertEquals(Workloads.mlp(4, 3, 2, 1).weightOffset(1), Workloads.mlp(4, 3, 2, 1).parameterBlocks().named("W2").offset());
    }
}
