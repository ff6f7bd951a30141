package dev.stepsolver.solver;

import java.util.Objects;

/**
 * A real solution.
 *
 * @param exact        closed form such as {@code "3"}, {@code "-1/2"}, {@code "1 + √2"},
 *                     {@code "∛2"}; or {@code "≈1.324717957245"} for a numeric root
 * @param value        the nearest double to the root (for numeric roots within {@code errorBound})
 * @param multiplicity how many times the root occurs, at least 1
 * @param approximate  true for numeric roots
 * @param errorBound   0 for closed forms, the certified error bound for numeric roots
 */
public record RealRoot(String exact, double value, int multiplicity, boolean approximate, double errorBound)
        implements Root {

    public RealRoot {
        Objects.requireNonNull(exact, "exact");
        if (multiplicity < 1) {
            throw new IllegalArgumentException("multiplicity must be at least 1");
        }
    }

    /** A root in closed form. */
    public static RealRoot exact(String exact, double value, int multiplicity) {
        return new RealRoot(exact, value, multiplicity, false, 0.0);
    }
}
