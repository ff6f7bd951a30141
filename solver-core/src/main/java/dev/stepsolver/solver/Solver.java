package dev.stepsolver.solver;

import dev.stepsolver.solver.classic.ClassicSolver;
import dev.stepsolver.solver.modern.ModernSolver;
import java.util.Objects;

/**
 * Solves polynomial equations in one variable, step by step.
 *
 * <pre>{@code
 * Solution s = Solver.solve("x^2 - 1 = 0");                       // classic style, real roots
 * List<String> steps = s.lines(Format.TEXT);                      // the original API's array
 * Solution m = Solver.solve("x^2 + x + 1 = 0", Options.modern().withDomain(Domain.COMPLEX));
 * m.roots();                                                      // -1/2 ± (√3/2)i
 * }</pre>
 *
 * Every call is bounded by {@link Limits}; bad input is a {@link SolverException}, never
 * another exception. Instances are not needed: both methods are static and thread-safe.
 */
public final class Solver {

    private Solver() {
    }

    /** Solves in the classic style, real domain (the original service's behaviour). */
    public static Solution solve(String equation) throws SolverException {
        return solve(equation, Options.classic());
    }

    /** Solves with the given style and domain. */
    public static Solution solve(String equation, Options options) throws SolverException {
        Objects.requireNonNull(equation, "equation");
        Objects.requireNonNull(options, "options");
        if (equation.length() > Limits.MAX_INPUT_LENGTH) {
            throw new SolverException("Input too long: " + equation.length() + " characters, at most "
                    + Limits.MAX_INPUT_LENGTH, Limits.MAX_INPUT_LENGTH);
        }
        return switch (options.style()) {
            case CLASSIC -> ClassicSolver.solve(equation, options.domain());
            case MODERN -> ModernSolver.solve(equation, options.domain());
        };
    }
}
