package dev.numgrad.gradient;

import dev.numgrad.LossEvaluationException;
import dev.numgrad.NonFiniteLossException;
import dev.numgrad.loss.ProbeBatchEvaluator;
import dev.numgrad.loss.ProbeBatchLoss;
import java.util.Arrays;

/**
 * Black-box probes K at a time. One scheduler slot is a group of K output slots. The scheme runs
 * over the group twice: first {@link #at(double)} only records each probe (coordinate, offset)
 * and answers 0; then the recorded probes are evaluated K per {@link ProbeBatchEvaluator#values}
 * call; then the scheme runs again and {@link #at(double)} answers each probe with its value, in
 * the recorded order. A probe the second run asks for that was not recorded (a scheme whose
 * offsets depend on the values) is evaluated alone, so any scheme stays correct; the bundled ones
 * ask the same probes both times. The derivative is thus computed from the same values in the
 * same order as {@link BlackBoxWorker} computes it, and is bit-identical to it whenever the batch
 * values are.
 */
final class BatchedBlackBoxWorker extends BlackBoxWorker {

    private final ProbeBatchEvaluator batch;
    private final int groupSize;
    /** Recorded probes of the current group; grown when a scheme asks more than expected. */
    private int[] probeCoordinates;
    private double[] probeSteps;
    private double[] probeValues;
    /** One values call's probes, at most batch.maxProbes(). */
    private final int[] passCoordinates;
    private final double[] passSteps;
    private final double[] passValues;
    private int recorded;
    private int replayed;
    private boolean recording;

    BatchedBlackBoxWorker(Job job, ProbeBatchLoss loss, int probeBatch) {
        super(job, () -> loss.newProbeBatchEvaluator(probeBatch));
        this.batch = (ProbeBatchEvaluator) evaluator;
        this.groupSize = probeBatch;
        this.probeCoordinates = new int[2 * probeBatch];
        this.probeSteps = new double[2 * probeBatch];
        this.probeValues = new double[2 * probeBatch];
        this.passCoordinates = new int[probeBatch];
        this.passSteps = new double[probeBatch];
        this.passValues = new double[probeBatch];
    }

    /** Output slots [group·K, min(slots, group·K + K)). */
    @Override
    public void process(int group) {
        int lo = group * groupSize;
        int hi = Math.min(job.out.length, lo + groupSize);
        recording = true;
        recorded = 0;
        try {
            for (int slot = lo; slot < hi; slot++) {
                differentiate(slot);
            }
        } finally {
            recording = false;
        }
        evaluateRecorded();
        replayed = 0;
        for (int slot = lo; slot < hi; slot++) {
            job.out[slot] = checked(slot, differentiate(slot));
        }
    }

    /** Groups [lo, hi) are output slots [lo·K, min(slots, hi·K)). */
    @Override
    public void afterRange(int lo, int hi) {
        checkUnmodified(x, lo * groupSize, Math.min(job.out.length, hi * groupSize));
    }

    @Override
    public double at(double offset) {
        if (recording) {
            record(offset);
            return 0.0;
        }
        if (replayed < recorded && probeCoordinates[replayed] == coordinate
                && Double.compare(probeSteps[replayed], offset) == 0) {
            return probeValues[replayed++];
        }
        return super.at(offset);
    }

    private void record(double offset) {
        if (recorded == probeCoordinates.length) {
            int capacity = 2 * recorded;
            probeCoordinates = Arrays.copyOf(probeCoordinates, capacity);
            probeSteps = Arrays.copyOf(probeSteps, capacity);
            probeValues = Arrays.copyOf(probeValues, capacity);
        }
        probeCoordinates[recorded] = coordinate;
        probeSteps[recorded] = offset;
        recorded++;
    }

    /** The recorded probes, K per values call, each value checked finite. */
    private void evaluateRecorded() {
        int perPass = batch.maxProbes();
        for (int from = 0; from < recorded; from += perPass) {
            int count = Math.min(perPass, recorded - from);
            System.arraycopy(probeCoordinates, from, passCoordinates, 0, count);
            System.arraycopy(probeSteps, from, passSteps, 0, count);
            try {
                batch.values(x, passCoordinates, passSteps, count, passValues);
            } catch (RuntimeException e) {
                throw LossEvaluationException.atCoordinate(job.lossName, passCoordinates[0], passSteps[0], e);
            }
            evaluations += count;
            for (int j = 0; j < count; j++) {
                if (!Double.isFinite(passValues[j])) {
                    throw NonFiniteLossException.atCoordinate(job.lossName, passCoordinates[j], passSteps[j],
                            passValues[j]);
                }
            }
            System.arraycopy(passValues, 0, probeValues, from, count);
        }
    }
}
