package dev.stepsolver.solver;

/** Where solutions are looked for. */
public enum Domain {
    /** Real solutions only; an equation without them is "no real solution". */
    REAL,
    /** Real and non-real complex solutions. */
    COMPLEX
}
