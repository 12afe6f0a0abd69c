/**
 * Gradient checking for other projects' tests: does a hand-written gradient match numgrad's
 * numeric one, and if not, which coordinates are wrong, by name?
 *
 * <p>Entry points: {@link dev.numgrad.check.GradientCheck} (an immutable configuration;
 * {@code check(loss, x, gradient)} returns a {@link dev.numgrad.check.CheckReport}) and
 * {@link dev.numgrad.check.GradientAssertions} (the same as assertions that throw
 * {@link java.lang.AssertionError} carrying the report). Three
 * {@link dev.numgrad.check.CheckMode modes}: every coordinate (through delta evaluation when the
 * loss offers it), a seeded sample from every {@link dev.numgrad.loss.ParameterBlock block}, or
 * random directions narrowed down by bisection to the worst coordinates. A coordinate that fails
 * at the default step is re-examined (one-sided differences for kinks, a smaller step, then
 * {@link dev.numgrad.fd.Scheme#adaptive()}) before it is called {@link dev.numgrad.check.Verdict#WRONG}.
 * {@link dev.numgrad.check.InjectedBug} breaks a correct gradient on purpose, the way backprop
 * goes wrong, for demonstrations and for the checker's own tests.
 *
 * <p>No test-framework dependency. The guide is {@code docs/checking.md}.
 */
package dev.numgrad.check;
