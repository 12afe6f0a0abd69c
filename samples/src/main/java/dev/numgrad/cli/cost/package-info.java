/**
 * {@code numgrad cost}'s measurements and what is made of them: the sweep over MLP sizes
 * ({@link dev.numgrad.cli.cost.CostSweep}), one row per size ({@link dev.numgrad.cli.cost.SizeCost}),
 * the growth exponents ({@link dev.numgrad.cli.cost.PowerFit}), and the table, CSV, conclusions
 * ({@link dev.numgrad.cli.cost.CostReport}) and log-log chart ({@link dev.numgrad.cli.cost.CostChart}).
 *
 * <p>Nothing here writes a file, draws on a terminal or parses options: the command
 * ({@code dev.numgrad.cli.CostCommand}) does that, so the measurement and its analysis are
 * tested without the command line.
 */
package dev.numgrad.cli.cost;
