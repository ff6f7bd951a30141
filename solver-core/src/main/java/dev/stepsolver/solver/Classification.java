package dev.stepsolver.solver;

import java.util.Objects;

/**
 * What kind of equation was solved.
 *
 * @param kind   identity, contradiction, polynomial, or polynomial without real solution
 * @param degree the degree of the equation once everything is on one side; 0 for identities
 *               and contradictions
 */
public record Classification(Kind kind, int degree) {

    /** The kinds of equations. */
    public enum Kind {
        /** True for every value of the variable ({@code x + 1 = x + 1}). */
        IDENTITY("identity"),
        /** True for no value ({@code x = x + 1}). */
        CONTRADICTION("contradiction"),
        /** A polynomial equation of degree at least one with solutions in the asked domain. */
        POLYNOMIAL("polynomial"),
        /** A polynomial equation without real solutions, solved in the real domain. */
        NO_REAL_SOLUTION("no_real_solution");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name used in JSON output. */
        public String label() {
            return label;
        }
    }

    public Classification {
        Objects.requireNonNull(kind, "kind");
        if (degree < 0) {
            throw new IllegalArgumentException("degree must not be negative");
        }
    }

    public static Classification identity() {
        return new Classification(Kind.IDENTITY, 0);
    }

    public static Classification contradiction() {
        return new Classification(Kind.CONTRADICTION, 0);
    }

    public static Classification polynomial(int degree) {
        return new Classification(Kind.POLYNOMIAL, degree);
    }

    public static Classification noRealSolution(int degree) {
        return new Classification(Kind.NO_REAL_SOLUTION, degree);
    }

    /** For example "identity", or "polynomial of degree 2". */
    @Override
    public String toString() {
        return switch (kind) {
            case IDENTITY, CONTRADICTION -> kind.label();
            case POLYNOMIAL -> "polynomial of degree " + degree;
            case NO_REAL_SOLUTION -> "polynomial of degree " + degree + " without real solution";
        };
    }
}
