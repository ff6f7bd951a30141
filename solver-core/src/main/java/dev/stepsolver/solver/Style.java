package dev.stepsolver.solver;

/** How the steps are worded and which input the parser accepts. */
public enum Style {
    /** The original service's grammar and wording, line for line (the API's default). */
    CLASSIC,
    /** Richer input (decimals, fractions, {@code *}, {@code ^}, any letter) and exact results. */
    MODERN
}
