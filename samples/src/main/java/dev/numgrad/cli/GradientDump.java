package dev.numgrad.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a gradient as raw little-endian IEEE float64, n × 8 bytes and nothing else, so that
 * any language reads it back ({@code numpy.fromfile(path, "<f8")}). The file appears whole or not
 * at all ({@link AtomicFile}): a truncated dump would still be a multiple of 8 bytes long.
 */
final class GradientDump {

    /** Written in chunks so that a gradient of millions of parameters needs no second copy. */
    private static final int CHUNK_DOUBLES = 1 << 16;

    private GradientDump() {
    }

    /**
     * @param values the gradient. Not modified.
     */
    static void write(Path file, double[] values) throws IOException {
        AtomicFile.write(file, temporary -> writeRaw(temporary, values));
    }

    private static void writeRaw(Path file, double[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_DOUBLES * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (int from = 0; from < values.length; from += CHUNK_DOUBLES) {
                int to = Math.min(values.length, from + CHUNK_DOUBLES);
                buffer.clear();
                buffer.asDoubleBuffer().put(values, from, to - from);
                buffer.limit((to - from) * Double.BYTES);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
    }
}
