package dev.stepsolver.solver;

/** What a {@link Step} does, for clients that treat steps differently (icons, folding, colours). */
public enum StepKind {
    /** The equation as read. */
    EQUATION,
    /** One side is simplified (heading of the sub-steps below). */
    SIMPLIFY,
    /** Products of sums are multiplied out. */
    DISTRIBUTE,
    /** Like terms are added. */
    COLLECT_LIKE_TERMS,
    /** Terms move from one side to the other. */
    MOVE_TERMS,
    /** Both sides are simplified after a move. */
    SIMPLIFY_BOTH_SIDES,
    /** Both sides are divided (or multiplied) by a number. */
    DIVIDE,
    /** A power of the variable is factored out. */
    FACTOR_OUT,
    /** Factor pairs of a coefficient are listed. */
    FACTOR_PAIRS,
    /** Candidate factors or roots are tried. */
    TEST_CANDIDATES,
    /** A product of factors equals zero, so one factor does. */
    FACTORIZE,
    /** One factor is solved on its own (heading of the sub-steps below). */
    SOLVE_FACTOR,
    /** Completing the square. */
    COMPLETE_SQUARE,
    /** Square roots are taken on both sides. */
    SQUARE_ROOT,
    /** The factor theorem: a root r gives a factor (x - r). */
    FACTOR_THEOREM,
    /** Polynomial division by a found factor. */
    LONG_DIVISION,
    /** The quadratic formula and its discriminant. */
    QUADRATIC_FORMULA,
    /** The rational root theorem. */
    RATIONAL_ROOTS,
    /** A repeated factor is split off. */
    REPEATED_FACTOR,
    /** Cardano's formula for a cubic. */
    CUBIC_FORMULA,
    /** Roots found numerically. */
    NUMERIC_ROOTS,
    /** No (real) solution exists for this part. */
    NO_SOLUTION,
    /** The equation holds for every value. */
    IDENTITY,
    /** The equation holds for no value. */
    CONTRADICTION,
    /** The final answer. */
    SOLUTION
}
