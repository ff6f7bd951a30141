package dev.stepsolver.solver;

import java.util.Objects;

/**
 * A non-real complex solution (only reported in the {@link Domain#COMPLEX} domain).
 *
 * @param exact        closed form such as {@code "-1/2 + (√3/2)i"}, or {@code "≈…"} when numeric
 * @param re           real part
 * @param im           imaginary part, never 0
 * @param multiplicity how many times the root occurs, at least 1
 * @param approximate  true for numeric roots
 * @param errorBound   0 for closed forms, the error bound (distance in the complex plane) otherwise
 */
public record ComplexRoot(String exact, double re, double im, int multiplicity, boolean approximate,
                          double errorBound) implements Root {

    public ComplexRoot {
        Objects.requireNonNull(exact, "exact");
        if (multiplicity < 1) {
            throw new IllegalArgumentException("multiplicity must be at least 1");
        }
    }

    /** A root in closed form. */
    public static ComplexRoot exact(String exact, double re, double im, int multiplicity) {
        return new ComplexRoot(exact, re, im, multiplicity, false, 0.0);
    }
}
