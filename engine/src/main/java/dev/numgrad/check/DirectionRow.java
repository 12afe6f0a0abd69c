package dev.numgrad.check;

/**
 * One random direction of a directional check: vᵀa against the central difference of f along v.
 *
 * @param direction its number, from 0
 * @param analytic vᵀa
 * @param numeric (f(x + h·v) − f(x − h·v)) / 2h, or the adaptive value when it was re-examined
 * @param absoluteError |analytic − numeric|
 * @param tolerance the mismatch allowed: 6·(rtol·‖v ⊙ s‖₂ + atol·‖v‖₂) + the rounding floor, s_i = max(|a_i|, 10⁻³·‖a‖∞)
 * @param verdict {@link Verdict#PASSED} or {@link Verdict#WRONG}: a wrong direction is narrowed down to
 *     coordinates, whose verdicts decide the outcome
 */
public record DirectionRow(int direction, double analytic, double numeric, double absoluteError, double tolerance,
        Verdict verdict) {
}
