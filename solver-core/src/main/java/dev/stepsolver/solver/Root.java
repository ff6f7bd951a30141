package dev.stepsolver.solver;

/**
 * One solution of the equation: {@link RealRoot} or {@link ComplexRoot}.
 *
 * <p>{@link #exact()} is the closed form ({@code "1/3"}, {@code "1 + √2"},
 * {@code "-1/2 + (√3/2)i"}); for a root found numerically it is the decimal approximation
 * prefixed with {@code ≈}, {@link #approximate()} is true and {@link #errorBound()} says how far
 * the true root may be from the reported value.
 */
public sealed interface Root permits RealRoot, ComplexRoot {

    /** The closed form, or {@code ≈} and a decimal approximation when {@link #approximate()}. */
    String exact();

    /** How many times the root occurs (2 for the root of {@code (x - 1)^2 = 0}). */
    int multiplicity();

    /** True when the root was found numerically rather than in closed form. */
    boolean approximate();

    /** 0 for closed forms; otherwise the certified distance bound to the true root. */
    double errorBound();
}
