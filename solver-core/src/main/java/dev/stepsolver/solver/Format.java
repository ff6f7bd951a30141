package dev.stepsolver.solver;

/** Output formats of {@link Solution#render(Format)} and {@link Solution#lines(Format)}. */
public enum Format {
    /** Plain text lines; for the classic style exactly the original API's string array. */
    TEXT,
    /** One LaTeX math-mode line per text line. */
    LATEX,
    /** One JSON object: equation, classification, solutions and the text steps. */
    JSON
}
