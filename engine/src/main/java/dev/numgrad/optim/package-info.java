/**
 * The descent loop: {@link dev.numgrad.optim.DescentLoop} walks downhill on gradients from a
 * {@link dev.numgrad.optim.GradientSource} (exact or numeric), with an
 * {@link dev.numgrad.optim.Optimizer} (SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW),
 * a {@link dev.numgrad.optim.LearningRateSchedule}, {@link dev.numgrad.optim.GradientClipping},
 * {@link dev.numgrad.optim.StoppingRules} and divergence detection, and records a
 * {@link dev.numgrad.optim.DescentTrace}.
 */
package dev.numgrad.optim;
