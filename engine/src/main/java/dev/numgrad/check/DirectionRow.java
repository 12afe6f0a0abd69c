package dev.numgrad.check;

/**
 * One random direction of a directional check: vᵀa against the central difference of f along v.
 *
 * @param direction its number, from 0
 * @param analytic vᵀa
 * @param numeric (f(x + h·v) − f(x − h·v)) / 2h, or the adaptive value when it was re-examined
 * @param absoluteError |analytic − numeric|
 * @param tolerance the mismatch allowed: rtol·Σ|v_i|·s_i + atol·Σ|v_i| + the rounding floor
 * @param verdict {@link Verdict#PASSED}, {@link Verdict#WRONG} (then narrowed down) or {@link Verdict#INCONCLUSIVE}
 */
public record DirectionRow(int direction, double analytic, double numeric, double absoluteError, double tolerance,
        Verdict verdict) {
}
