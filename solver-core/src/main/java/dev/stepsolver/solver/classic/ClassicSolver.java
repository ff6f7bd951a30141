package dev.stepsolver.solver.classic;

import dev.stepsolver.solver.Domain;
import dev.stepsolver.solver.Limits;
import dev.stepsolver.solver.Options;
import dev.stepsolver.solver.Solution;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.Step;
import dev.stepsolver.solver.Step.Line;
import dev.stepsolver.solver.Step.Formula;
import dev.stepsolver.solver.Step.Prose;
import dev.stepsolver.solver.StepKind;
import dev.stepsolver.solver.algebra.IntegerMath;
import dev.stepsolver.solver.algebra.Rational;
import dev.stepsolver.solver.classic.ClassicLexer.Group;
import dev.stepsolver.solver.classic.ClassicLexer.Item;
import dev.stepsolver.solver.classic.ClassicLexer.Num;
import dev.stepsolver.solver.classic.ClassicLexer.Op;
import dev.stepsolver.solver.classic.ClassicLexer.Term;
import dev.stepsolver.solver.modern.RootFinder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic style: the original service's steps, line for line, as CLASSIC.md describes
 * them. Where the original failed (highest terms cancelling across {@code =}, degree four and
 * more) it solves in the same voice; where it printed rounded decimals it prints exact values.
 */
public final class ClassicSolver {

    static final String FORMAT_ERROR = "Problem not correctly formatted";
    static final String QUESTION_ERROR = "Ill-formatted question";

    private static final String OR = "    OR    ";

    private final List<Step> steps = new ArrayList<>();
    private ClassicPolynomial difference; // left minus right side, for the exact roots

    private ClassicSolver() {
    }

    /** An equation of the original: a left and a right side. */
    private record Equation(ClassicPolynomial lhs, ClassicPolynomial rhs) {
        String text() {
            return lhs + " = " + rhs;
        }
    }

    /**
     * Solves in the classic style.
     *
     * @throws SolverException with the original's messages for malformed input
     */
    public static Solution solve(String input, Domain domain) throws SolverException {
        int equals = input.indexOf('=');
        int lhsEnd = equals < 0 ? input.length() : equals;
        if (equals >= 0 && input.indexOf('=', equals + 1) >= 0) {
            throw new SolverException(FORMAT_ERROR, input.indexOf('=', equals + 1));
        }
        List<Item> lhsItems = lexSide(input, 0, lhsEnd);
        List<Item> rhsItems = equals < 0
                ? List.of(new Num(BigInteger.ZERO, "0", input.length()))
                : lexSide(input, equals + 1, input.length());

        ClassicSolver solver = new ClassicSolver();
        List<Equation> solutions = solver.run(lhsItems, rhsItems);
        RootFinder.Result roots = RootFinder.find(solver.difference.toPolynomial(), domain);

        List<Step.Fragment> parts = new ArrayList<>();
        for (int i = 0; i < solutions.size(); i++) {
            if (i > 0) {
                parts.add(new Prose(OR));
            }
            parts.add(new Formula(solutions.get(i).text()));
        }
        solver.steps.add(new Step(StepKind.SOLUTION, List.of(Line.heading("Solution:"), new Line(false, List.copyOf(parts)))));
        return new Solution(input, Options.classic().withDomain(domain), roots.classification(), roots.roots(),
                List.copyOf(solver.steps));
    }

    private static List<Item> lexSide(String input, int from, int to) throws SolverException {
        int start = from;
        int end = to;
        while (start < end && ClassicLexer.isSpace(input.charAt(start))) {
            start++;
        }
        while (end > start && ClassicLexer.isSpace(input.charAt(end - 1))) {
            end--;
        }
        return ClassicLexer.lex(input, start, end);
    }

    private List<Equation> run(List<Item> lhsItems, List<Item> rhsItems) throws SolverException {
        String lhsEcho = ClassicLexer.echo(lhsItems);
        String rhsEcho = ClassicLexer.echo(rhsItems);
        steps.add(Step.of(StepKind.EQUATION, Line.math(lhsEcho + " = " + rhsEcho)));

        Side lhs = parseSide(lhsItems, true);
        if (!lhs.poly.toString().equals(lhsEcho)) {
            steps.add(Step.of(StepKind.SIMPLIFY, Line.heading("Simplify LHS:")));
            addSideSteps(lhs, "", " = " + rhsEcho);
        }
        Side rhs = parseSide(rhsItems, true);
        if (!rhs.poly.toString().equals(rhsEcho)) {
            steps.add(Step.of(StepKind.SIMPLIFY, Line.heading("Simplify RHS:")));
            addSideSteps(rhs, lhs.poly + " = ", "");
        }

        difference = lhs.poly.subtract(rhs.poly);
        int degree = difference.degree();
        if (degree > Limits.MAX_DEGREE) {
            throw new SolverException("Degree too high: at most " + Limits.MAX_DEGREE);
        }
        if (degree <= 1) {
            if (Math.max(lhs.poly.degree(), rhs.poly.degree()) > 1) {
                // The highest terms cancel across '=': gather everything on the left first.
                Equation moved = new Equation(difference, rhs.poly.subtract(rhs.poly));
                steps.add(Step.of(StepKind.MOVE_TERMS, Line.heading("Move all terms to the left hand side:"),
                        Line.math(moved.text())));
                return linear(moved.lhs, moved.rhs);
            }
            return linear(lhs.poly, rhs.poly);
        }
        Equation normalized = normalize(lhs.poly, rhs.poly);
        return degree == 2 ? quadratic(normalized) : factorTheorem(normalized);
    }

    // ---------------------------------------------------------------- sides

    private record Operand(ClassicPolynomial poly, boolean plainZero) {
    }

    private record Side(ClassicPolynomial poly, String distributed) {
    }

    private void addSideSteps(Side side, String before, String after) {
        if (side.distributed != null) {
            steps.add(Step.of(StepKind.DISTRIBUTE, Line.heading("Distribute:"),
                    Line.math(before + side.distributed + after)));
        }
        steps.add(Step.of(StepKind.COLLECT_LIKE_TERMS, Line.heading("Add like terms:"),
                Line.math(before + side.poly + after)));
    }

    private static Side parseSide(List<Item> items, boolean topLevel) throws SolverException {
        List<Operand> operands = new ArrayList<>(items.size());
        List<Character> operators = new ArrayList<>(items.size());
        boolean first = true;
        boolean justSawOperator = false;
        boolean distributed = false;
        for (Item item : items) {
            switch (item) {
                case Group group -> {
                    ClassicPolynomial coefficient = ClassicPolynomial.constant(ClassicNumber.ONE);
                    if (!justSawOperator && !operands.isEmpty()) {
                        coefficient = operands.remove(operands.size() - 1).poly;
                    }
                    distributed |= topLevel;
                    ClassicPolynomial inner = parseSide(group.items(), false).poly;
                    ClassicPolynomial product = coefficient.multiply(inner);
                    checkBounds(product, group.position());
                    operands.add(new Operand(product, false));
                    justSawOperator = false;
                }
                case Op op -> {
                    justSawOperator = true;
                    operators.add(op.symbol());
                    if (first) {
                        operands.add(new Operand(ClassicPolynomial.zero(), true));
                    }
                }
                case Num num -> {
                    justSawOperator = false;
                    operands.add(new Operand(ClassicPolynomial.constant(ClassicNumber.of(num.value())),
                            num.value().signum() == 0));
                }
                case Term term -> {
                    justSawOperator = false;
                    operands.add(new Operand(ClassicPolynomial.monomial(ClassicNumber.of(term.coefficient()),
                            term.exponent()), term.coefficient().signum() == 0 && term.exponent() == 0));
                }
            }
            first = false;
        }
        String distributedLine = distributed ? distributedLine(operands, operators) : null;
        if (operands.size() - 1 != operators.size()) {
            throw new SolverException(QUESTION_ERROR);
        }
        ClassicPolynomial expr = operands.get(0).poly;
        for (int i = 1; i < operands.size(); i++) {
            ClassicPolynomial operand = operands.get(i).poly;
            expr = operators.get(i - 1) == '-' ? expr.subtract(operand) : expr.add(operand);
        }
        return new Side(expr, distributedLine);
    }

    private static void checkBounds(ClassicPolynomial p, int position) throws SolverException {
        if (p.degree() > Limits.MAX_DEGREE) {
            throw new SolverException("Degree too high: at most " + Limits.MAX_DEGREE, position);
        }
        if (p.maxDigits() > Limits.MAX_COEFFICIENT_DIGITS) {
            throw new SolverException("Coefficient too large: at most " + Limits.MAX_COEFFICIENT_DIGITS + " digits",
                    position);
        }
    }

    // The original's line after distributing: "84x + 63 + 6x - 9", " 144x - 120 + 12".
    private static String distributedLine(List<Operand> operands, List<Character> operators) {
        StringBuilder sb = new StringBuilder();
        if (operands.isEmpty()) {
            return "";
        }
        if (!operands.get(0).plainZero) {
            sb.append(operands.get(0).poly);
        }
        int pairs = Math.min(operands.size() - 1, operators.size());
        for (int i = 0; i < pairs; i++) {
            ClassicPolynomial b = operands.get(i + 1).poly;
            if (operators.get(i) == '-') {
                sb.append(' ').append(b.scale(ClassicNumber.MINUS_ONE));
            } else {
                sb.append(" + ").append(b);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- degree 0 and 1

    private List<Equation> linear(ClassicPolynomial lhs, ClassicPolynomial rhs) {
        ClassicNumber xTerm = rhs.coefficient(1);
        if (!xTerm.isZero()) {
            String term = ClassicPolynomial.termText(xTerm, 1);
            if (xTerm.signum() > 0) {
                steps.add(Step.of(StepKind.MOVE_TERMS,
                        Line.heading(new Prose("Subtract "), new Formula(term), new Prose(" on both sides of the equal sign:")),
                        Line.math(lhs + " - " + term + " = " + rhs + " - " + term)));
            } else {
                String positive = ClassicPolynomial.termText(xTerm.negate(), 1);
                steps.add(Step.of(StepKind.MOVE_TERMS,
                        Line.heading(new Prose("Add "), new Formula(positive), new Prose(" on both sides of the equal sign:")),
                        Line.math(lhs + " + " + positive + " = " + rhs + " + " + positive)));
            }
            ClassicPolynomial mono = ClassicPolynomial.monomial(xTerm, 1);
            lhs = lhs.subtract(mono);
            rhs = rhs.subtract(mono);
            steps.add(Step.of(StepKind.SIMPLIFY_BOTH_SIDES, Line.heading("Simplify both sides:"),
                    Line.math(lhs + " = " + rhs)));
        }
        ClassicNumber constant = lhs.coefficient(0);
        if (!constant.isZero()) {
            String term = ClassicPolynomial.termText(constant, 0);
            if (constant.signum() > 0) {
                steps.add(Step.of(StepKind.MOVE_TERMS,
                        Line.heading(new Prose("Subtract "), new Formula(term), new Prose(" on both sides of the equal sign:")),
                        Line.math(lhs + " - " + term + " = " + rhs + " - " + term)));
            } else {
                String positive = ClassicPolynomial.termText(constant.negate(), 0);
                steps.add(Step.of(StepKind.MOVE_TERMS,
                        Line.heading(new Prose("Add "), new Formula(positive), new Prose(" on both sides of the equal sign:")),
                        Line.math(lhs + " + " + positive + " = " + rhs + " + " + positive)));
            }
            ClassicPolynomial mono = ClassicPolynomial.constant(constant);
            rhs = rhs.subtract(mono);
            lhs = lhs.subtract(mono);
            steps.add(Step.of(StepKind.SIMPLIFY_BOTH_SIDES, Line.heading("Simplify both sides:"),
                    Line.math(lhs + " = " + rhs)));
        }
        ClassicNumber c = lhs.coefficient(1);
        if (!c.isOne() && !c.isZero()) {
            steps.add(Step.of(StepKind.DIVIDE,
                    Line.heading(new Prose("Devide both sides by "), new Formula(c.text()), new Prose(":")),
                    Line.math((lhs = lhs.divide(c)) + " = " + (rhs = rhs.divide(c)))));
        }
        return new ArrayList<>(List.of(new Equation(lhs, rhs)));
    }

    // ---------------------------------------------------------------- degree 2 and more

    private Equation normalize(ClassicPolynomial lhs, ClassicPolynomial rhs) {
        if (!rhs.isZeroValue()) {
            lhs = lhs.subtract(rhs);
            rhs = rhs.subtract(rhs);
            steps.add(Step.of(StepKind.MOVE_TERMS, Line.heading("Move all terms to the left hand side:"),
                    Line.math(lhs + " = " + rhs)));
        }
        ClassicNumber a = lhs.coefficient(lhs.degree());
        if (!a.isOne() && !a.isZero()) {
            lhs = lhs.divide(a);
            rhs = rhs.divide(a);
            // The original says x^2 whatever the degree.
            steps.add(Step.of(StepKind.DIVIDE,
                    Line.heading(new Prose("Devide by the coefficient of "), new Formula("x^2"), new Prose(": "),
                            new Formula(a.text())),
                    Line.math(lhs + " = " + rhs)));
        }
        return new Equation(lhs, rhs);
    }

    private List<Equation> solveByDegree(Equation e) throws SolverException {
        Equation normalized = normalize(e.lhs, e.rhs);
        return normalized.lhs.degree() == 2 ? quadratic(normalized) : factorTheorem(normalized);
    }

    private List<Equation> quadratic(Equation e) throws SolverException {
        ClassicPolynomial lhs = e.lhs;
        if (lhs.coefficient(0).isZero()) {
            ClassicPolynomial q = lhs.divideByX();
            steps.add(Step.of(StepKind.FACTOR_OUT, Line.heading("Factor out x:"),
                    Line.of(new Formula("x = 0"), new Prose("    OR   "), new Formula(q + " = 0"))));
            steps.add(Step.of(StepKind.SOLVE_FACTOR, Line.heading("Solve the linear problem:")));
            List<Equation> solutions = linear(q, ClassicPolynomial.zero());
            solutions.add(new Equation(ClassicPolynomial.monomial(ClassicNumber.ONE, 1), ClassicPolynomial.zero()));
            return solutions;
        }
        List<long[]> leadingPairs = ClassicFactorPairs.of(lhs.coefficient(2));
        List<long[]> constantPairs = ClassicFactorPairs.of(lhs.coefficient(0));
        steps.add(Step.of(StepKind.FACTOR_PAIRS, Line.heading(new Prose("Generate factors of the coefficient of the "),
                new Formula("x^2"), new Prose(":")), Line.math(ClassicFactorPairs.text(leadingPairs))));
        steps.add(Step.of(StepKind.FACTOR_PAIRS, Line.heading("Generate factors of the constant term:"),
                Line.math(ClassicFactorPairs.text(constantPairs))));
        List<Line> tries = new ArrayList<>();
        tries.add(Line.heading("Test all the permutations until we find the one that solve the problem:"));
        for (long[] x : leadingPairs) {
            for (long[] c : constantPairs) {
                ClassicPolynomial f1 = ClassicPolynomial.linear(ClassicNumber.of(x[0]), ClassicNumber.of(-c[0]));
                ClassicPolynomial f2 = ClassicPolynomial.linear(ClassicNumber.of(x[1]), ClassicNumber.of(-c[1]));
                ClassicPolynomial product = f1.multiply(f2);
                tries.add(Line.of(new Prose("    "), new Formula("x^2"), new Prose(" factors = "),
                        new Formula(ClassicFactorPairs.text(x)), new Prose(", constant factors = "),
                        new Formula(ClassicFactorPairs.text(c)), new Prose(", sol = "), new Formula(product.toString())));
                if (product.valueEquals(lhs)) {
                    steps.add(new Step(StepKind.TEST_CANDIDATES, tries));
                    return factored(f1, f2);
                }
            }
        }
        steps.add(new Step(StepKind.TEST_CANDIDATES, tries));
        steps.add(Step.of(StepKind.NO_SOLUTION, Line.heading("Could not find factors find that solve the problem\n")));
        return completeTheSquare(e);
    }

    private List<Equation> factored(ClassicPolynomial f1, ClassicPolynomial f2) {
        steps.add(Step.of(StepKind.FACTORIZE, Line.heading("Found the permutation that solves our problem:"),
                Line.heading("Factorize:"), Line.math("(" + f1 + ")(" + f2 + ") = 0"),
                Line.of(new Prose("which implies:  "), new Formula(f1 + " = 0"), new Prose(OR), new Formula(f2 + " = 0"))));
        steps.add(Step.of(StepKind.SOLVE_FACTOR, Line.heading(new Prose("Solve: "), new Formula(f1 + " = 0"))));
        List<Equation> solutions = linear(f1, ClassicPolynomial.zero());
        if (!f1.valueEquals(f2)) {
            steps.add(Step.of(StepKind.SOLVE_FACTOR, Line.heading(new Prose("Solve: "), new Formula(f2 + " = 0"))));
            solutions.addAll(linear(f2, ClassicPolynomial.zero()));
        }
        return solutions;
    }

    private List<Equation> completeTheSquare(Equation e) {
        ClassicPolynomial lhs = e.lhs;
        ClassicPolynomial rhs = e.rhs;
        steps.add(Step.of(StepKind.COMPLETE_SQUARE, Line.heading("Trying completing the square:")));
        ClassicPolynomial constant = ClassicPolynomial.constant(lhs.coefficient(0));
        lhs = lhs.subtract(constant);
        rhs = rhs.subtract(constant);
        steps.add(Step.of(StepKind.MOVE_TERMS, Line.heading("Move the constant to the RHS:"), Line.math(lhs + " = " + rhs)));

        ClassicNumber b = lhs.coefficient(1);
        ClassicPolynomial half = ClassicPolynomial.linear(ClassicNumber.ONE, b.divide(ClassicNumber.two()));
        if (!b.isZero()) {
            String square = "(" + b.text() + "/2)^2";
            steps.add(Step.of(StepKind.COMPLETE_SQUARE,
                    Line.heading(new Prose("Square  half the coefficient of x and add to it both sides: "), new Formula(square)),
                    Line.math(lhs + " + " + square + " = " + rhs + " + " + square)));
            ClassicPolynomial squareTerm = ClassicPolynomial.constant(b.multiply(b).divide(ClassicNumber.of(4)));
            lhs = lhs.add(squareTerm);
            rhs = rhs.add(squareTerm);
            steps.add(Step.of(StepKind.FACTORIZE, Line.heading("Factorize the RHS:"),
                    Line.math("(" + half + ")(" + half + ") = " + rhs)));
            steps.add(Step.of(StepKind.SIMPLIFY, Line.heading("Simplify:"), Line.math("(" + half + ")^2 = " + rhs)));
        }
        ClassicNumber k = rhs.coefficient(0);
        if (k.signum() > 0) {
            SquareRoot root = SquareRoot.of(k);
            steps.add(Step.of(StepKind.SQUARE_ROOT, Line.heading("Take the square root of both sides:"),
                    Line.of(new Formula(half + " = " + root.text()), new Prose(OR), new Formula(half + " = - " + root.text()))));
            // The original announces the positive root for both solves; kept line for line.
            String heading = half + " = " + root.text();
            steps.add(Step.of(StepKind.SOLVE_FACTOR, Line.heading(new Prose("Solve: "), new Formula(heading))));
            List<Equation> solutions = linear(half, ClassicPolynomial.constant(root.value()));
            steps.add(Step.of(StepKind.SOLVE_FACTOR, Line.heading(new Prose("Solve: "), new Formula(heading))));
            solutions.addAll(linear(half, ClassicPolynomial.constant(root.value().negate())));
            return solutions;
        }
        steps.add(Step.of(StepKind.NO_SOLUTION,
                Line.heading(new Prose("Solution does not exist: Cannot compute "), new Formula("sqrt(" + k.text() + ")"))));
        return new ArrayList<>(List.of(new Equation(lhs.subtract(rhs), ClassicPolynomial.zero())));
    }

    private List<Equation> factorTheorem(Equation e) throws SolverException {
        ClassicPolynomial lhs = e.lhs;
        List<Line> lines = new ArrayList<>();
        lines.add(Line.heading("Solve the problem using the factor theorem and long division:"));
        ClassicPolynomial factor = null;
        // Candidates 0, -1, 1, -2, 2, ... while |r| < 50, as the original tried them.
        for (int i = 0; i < 99 && factor == null; i++) {
            long r = (i % 2 == 0) ? i / 2 : -(i + 1) / 2;
            ClassicPolynomial candidate = ClassicPolynomial.linear(ClassicNumber.ONE, ClassicNumber.of(-r));
            lines.add(Line.of(new Prose("Trying a factor: "), new Formula(candidate.toString())));
            if (lhs.evaluate(ClassicNumber.of(r)).isZero()) {
                factor = candidate;
            }
        }
        if (factor == null) {
            String kind = lhs.degree() == 3 ? "the cubic polynomial" : "the polynomial";
            lines.add(Line.prose("Could not find a factor of " + kind + "."));
            steps.add(new Step(StepKind.FACTOR_THEOREM, lines));
            return new ArrayList<>(List.of(new Equation(lhs, ClassicPolynomial.zero())));
        }
        steps.add(new Step(StepKind.FACTOR_THEOREM, lines));
        ClassicPolynomial quotient = lhs.divideByFactor(factor);
        steps.add(Step.of(StepKind.LONG_DIVISION,
                Line.heading(new Prose("Long division: "), new Formula("(" + lhs + ") / (" + factor + ") = " + quotient)),
                Line.of(new Prose("Which means that: "), new Formula(lhs + " = (" + factor + ")(" + quotient + ")")),
                Line.of(new Prose("Therefore: "), new Formula("(" + factor + ")(" + quotient + ") = 0")),
                Line.of(new Prose("Which means: "), new Formula(factor + " = 0"), new Prose(OR), new Formula(quotient + " = 0"))));
        steps.add(Step.of(StepKind.SOLVE_FACTOR, Line.heading(new Prose("Solving: "), new Formula(factor + " = 0"))));
        List<Equation> linearSolutions = linear(factor, ClassicPolynomial.zero());
        steps.add(Step.of(StepKind.SOLVE_FACTOR, Line.heading(new Prose("Solving: "), new Formula(quotient + " = 0"))));
        List<Equation> solutions = solveByDegree(new Equation(quotient, ClassicPolynomial.zero()));
        if (solutions.isEmpty()) {
            solutions.add(new Equation(quotient, ClassicPolynomial.zero()));
        }
        solutions.addAll(linearSolutions);
        return solutions;
    }

    /** The square root of a positive number as the original printed and then used it. */
    private record SquareRoot(String text, ClassicNumber value) {

        static SquareRoot of(ClassicNumber k) {
            Rational exact = k.rational();
            BigInteger rn = IntegerMath.exactSqrt(exact.numerator());
            BigInteger rd = IntegerMath.exactSqrt(exact.denominator());
            if (rn.signum() >= 0 && rd.signum() > 0) {
                Rational root = Rational.of(rn, rd);
                ClassicNumber value = ClassicNumber.exact(root);
                if (value.isDecimal()) {
                    // The original printed Python's float repr (2.0, 0.25) and then used
                    // Decimal(float), the shortest exact decimal of that float.
                    double asDouble = Math.sqrt(k.rational().doubleValue());
                    if (new BigDecimal(asDouble).compareTo(value.decimal()) == 0) {
                        return new SquareRoot(PythonFloat.repr(asDouble), value);
                    }
                    return new SquareRoot(value.text(), value);
                }
                return new SquareRoot(value.text(), value);
            }
            ClassicNumber root = ClassicNumber.root(1, k);
            return new SquareRoot(root.text(), root);
        }
    }
}
