package dev.stepsolver.solver;

/**
 * The bounds every input must respect, so that every call finishes in milliseconds and no input
 * can exhaust the stack or the heap. Exceeding any of them is a {@link SolverException} with a
 * message naming the bound (and the position where it was crossed, when there is one).
 *
 * <ul>
 *   <li>{@link #MAX_INPUT_LENGTH}: characters in the whole equation (10 000).</li>
 *   <li>{@link #MAX_NESTING_DEPTH}: parentheses open at the same time (64). The parsers count
 *       depth before they recurse, so 100 000 nested parentheses are refused, not overflowed.</li>
 *   <li>{@link #MAX_NUMBER_DIGITS}: digits in one number literal, decimals included (30).</li>
 *   <li>{@link #MAX_EXPONENT}: the largest exponent literal after {@code ^} (64).</li>
 *   <li>{@link #MAX_DEGREE}: the degree of any expanded side or of the equation (24).</li>
 *   <li>{@link #MAX_COEFFICIENT_DIGITS}: decimal digits in the numerator or denominator of any
 *       coefficient while expanding (60); this also bounds the cost of the root searches.</li>
 *   <li>{@link #CLASSIC_MAX_FACTOR_CONSTANT}: the classic style lists the factor pairs of the
 *       constant term of a quadratic; it does so for constants up to 10<sup>12</sup> in
 *       magnitude.</li>
 * </ul>
 *
 * Numeric roots (what is left of degree three or more without a closed form) are certified to
 * {@link #NUMERIC_TOLERANCE}: the true root lies within that distance of the reported value,
 * relative to the root's magnitude when it is larger than one.
 */
public final class Limits {

    /** Characters in the whole equation. */
    public static final int MAX_INPUT_LENGTH = 10_000;

    /** Parentheses open at the same time. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Digits in one number literal (integer and decimal digits together). */
    public static final int MAX_NUMBER_DIGITS = 30;

    /** The largest exponent literal. */
    public static final int MAX_EXPONENT = 64;

    /** The degree of any expanded expression. */
    public static final int MAX_DEGREE = 24;

    /** Decimal digits in the numerator or denominator of any coefficient. */
    public static final int MAX_COEFFICIENT_DIGITS = 60;

    /** Largest magnitude of a constant term whose factor pairs the classic style lists. */
    public static final long CLASSIC_MAX_FACTOR_CONSTANT = 1_000_000_000_000L;

    /** Certified accuracy of numeric roots (absolute below 1, relative above). */
    public static final double NUMERIC_TOLERANCE = 1e-12;

    private Limits() {
    }
}
