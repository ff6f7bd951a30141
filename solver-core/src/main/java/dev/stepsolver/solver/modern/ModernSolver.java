package dev.stepsolver.solver.modern;

import dev.stepsolver.solver.Classification;
import dev.stepsolver.solver.Domain;
import dev.stepsolver.solver.Options;
import dev.stepsolver.solver.RealRoot;
import dev.stepsolver.solver.Root;
import dev.stepsolver.solver.Solution;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.Step;
import dev.stepsolver.solver.Step.Line;
import dev.stepsolver.solver.Step.Formula;
import dev.stepsolver.solver.Step.Prose;
import dev.stepsolver.solver.StepKind;
import dev.stepsolver.solver.algebra.IntPoly;
import dev.stepsolver.solver.algebra.Polynomial;
import dev.stepsolver.solver.algebra.Rational;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The modern style: richer input, exact results ({@code x = 1/3}, {@code x = 1 ± √2},
 * {@code x = -1/2 ± (√3/2)i}) and steps that name the method used at each stage.
 */
public final class ModernSolver implements RootFinder.Narrator {

    private static final int LISTED_CANDIDATES = 24;
    private static final String TOLERANCE_TEXT = "1e-12 (relative above 1)";

    private final List<Step> steps = new ArrayList<>();
    private final char v;
    private final Domain domain;

    private ModernSolver(char variable, Domain domain) {
        this.v = variable;
        this.domain = domain;
    }

    public static Solution solve(String input, Domain domain) throws SolverException {
        ModernParser.Parsed eq = ModernParser.parse(input);
        ModernSolver solver = new ModernSolver(eq.variable(), domain);
        RootFinder.Result result = solver.run(eq);
        return new Solution(input, Options.modern().withDomain(domain), result.classification(), result.roots(),
                solver.steps);
    }

    private RootFinder.Result run(ModernParser.Parsed eq) throws SolverException {
        String lhs = eq.lhs().format(v);
        String rhs = eq.rhs().format(v);
        steps.add(Step.of(StepKind.EQUATION, Line.of(new Prose("Equation: "), new Formula(eq.lhsText() + " = " + eq.rhsText()))));
        if (!sameIgnoringSpaces(eq.lhsText(), lhs) || !sameIgnoringSpaces(eq.rhsText(), rhs)) {
            steps.add(Step.of(StepKind.SIMPLIFY, Line.of(new Prose("Expand and collect like terms: "),
                    new Formula(lhs + " = " + rhs))));
        }
        Polynomial p = eq.lhs().subtract(eq.rhs());
        RootFinder.Result result;
        if (p.isZero()) {
            steps.add(Step.of(StepKind.IDENTITY, Line.prose("Both sides are the same for every value of " + v
                    + ": the equation is an identity.")));
            result = RootFinder.find(p, domain);
            solution(List.of(Line.prose("Solution: every " + (domain == Domain.COMPLEX ? "complex" : "real")
                    + " number " + v + " is a solution.")));
            return result;
        }
        if (p.degree() == 0) {
            steps.add(Step.of(StepKind.CONTRADICTION, Line.of(new Prose("Moving everything to the left gives "),
                    new Formula(p.format(v) + " = 0"), new Prose(", which is never true: the equation is a contradiction."))));
            result = RootFinder.find(p, domain);
            solution(List.of(Line.prose("Solution: no value of " + v + " satisfies the equation.")));
            return result;
        }
        if (p.degree() == 1) {
            linear(p);
            result = RootFinder.find(p, domain);
        } else {
            if (!eq.rhs().isZero()) {
                steps.add(Step.of(StepKind.MOVE_TERMS, Line.of(new Prose("Move all terms to the left side: "),
                        new Formula(p.format(v) + " = 0"))));
            }
            Rational scale = p.integerScale();
            Polynomial integral = p.scale(scale);
            if (!scale.isOne()) {
                steps.add(Step.of(StepKind.DIVIDE, Line.of(new Prose(scaleText(scale)),
                        new Formula(integral.format(v) + " = 0"))));
            }
            result = RootFinder.find(integral, domain, this);
        }
        solution(result);
        return result;
    }

    private static boolean sameIgnoringSpaces(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && Character.isWhitespace(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && Character.isWhitespace(b.charAt(j))) {
                j++;
            }
            if (i >= a.length() || j >= b.length()) {
                return i >= a.length() && j >= b.length();
            }
            char ca = a.charAt(i) == '−' ? '-' : a.charAt(i);
            if (ca != b.charAt(j)) {
                return false;
            }
            i++;
            j++;
        }
    }

    private static String scaleText(Rational k) {
        if (k.isInteger()) {
            return "Multiply both sides by " + k + " for whole-number coefficients: ";
        }
        Rational inverse = k.reciprocal();
        if (inverse.isInteger()) {
            return "Divide both sides by " + inverse + " to simplify: ";
        }
        return "Multiply both sides by " + k + " for whole-number coefficients: ";
    }

    private void linear(Polynomial p) {
        Rational a = p.coefficient(1);
        Rational b = p.coefficient(0).negate();
        StringBuilder left = new StringBuilder();
        if (a.signum() < 0) {
            left.append('-');
        }
        Polynomial.appendTerm(left, a.abs(), 1, v);
        steps.add(Step.of(StepKind.MOVE_TERMS, Line.of(new Prose("Collect the " + v
                + " terms on the left and the numbers on the right: "), new Formula(left + " = " + b))));
        if (!a.isOne()) {
            steps.add(Step.of(StepKind.DIVIDE, Line.of(new Prose("Divide both sides by " + a + ": "),
                    new Formula(v + " = " + b.divide(a)))));
        }
    }

    // ---------------------------------------------------------------- narration of RootFinder

    private String poly(BigInteger[] a) {
        return IntPoly.format(a, v);
    }

    @Override
    public void factoredOut(int power, BigInteger[] rest) {
        String xk = power == 1 ? String.valueOf(v) : v + "^" + power;
        String restText = poly(rest);
        String product = rest.length == 1 && rest[0].equals(BigInteger.ONE) ? xk : xk + "(" + restText + ")";
        List<Step.Fragment> parts = new ArrayList<>(List.of(new Prose("Factor out " + xk + ": "),
                new Formula(product + " = 0"), new Prose(", so "), new Formula(v + " = 0")));
        if (power > 1) {
            parts.add(new Prose(" (" + power + " times)"));
        }
        if (rest.length > 1) {
            parts.add(new Prose(" or "));
            parts.add(new Formula(restText + " = 0"));
        }
        steps.add(new Step(StepKind.FACTOR_OUT, List.of(new Line(false, parts))));
    }

    @Override
    public void rationalCandidates(BigInteger[] a, List<Rational> candidates, boolean listed) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of(new Prose("Rational root theorem: a rational root p/q of "), new Formula(poly(a) + " = 0"),
                new Prose(" has p dividing " + a[0].abs() + " and q dividing " + a[a.length - 1] + ".")));
        if (listed) {
            StringBuilder sb = new StringBuilder();
            int shown = 0;
            for (int i = 0; i + 1 < candidates.size() && shown < LISTED_CANDIDATES; i += 2, shown += 2) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append('±').append(candidates.get(i));
            }
            if (candidates.size() > shown) {
                sb.append(", … (").append(candidates.size()).append(" in all)");
            }
            lines.add(Line.of(new Prose("Candidates: "), new Formula(sb.toString())));
        } else {
            lines.add(Line.prose("There are too many divisors to try them all; the real roots are located exactly"
                    + " (Sturm sequence) and only the candidate next to each one is tried."));
        }
        steps.add(new Step(StepKind.RATIONAL_ROOTS, lines));
    }

    @Override
    public void rationalRoot(Rational root, int multiplicity, BigInteger[] quotient) {
        BigInteger[] factor = {root.numerator().negate(), root.denominator()};
        List<Step.Fragment> parts = new ArrayList<>(List.of(new Prose("Try "), new Formula(v + " = " + root),
                new Prose(": it is a root, so divide by "), new Formula("(" + poly(factor) + ")")));
        if (multiplicity > 1) {
            parts.add(new Prose(" (it divides " + multiplicity + " times)"));
        }
        if (quotient.length > 1) {
            parts.add(new Prose(", leaving "));
            parts.add(new Formula(poly(quotient) + " = 0"));
        } else {
            parts.add(new Prose("; nothing is left to solve."));
        }
        steps.add(new Step(StepKind.FACTOR_THEOREM, List.of(new Line(false, parts))));
    }

    @Override
    public void noRationalRoot(BigInteger[] a) {
        steps.add(Step.of(StepKind.RATIONAL_ROOTS, Line.of(new Prose("No candidate is a root of "),
                new Formula(poly(a) + " = 0"), new Prose(": it has no rational roots."))));
    }

    @Override
    public void repeatedFactors(BigInteger[] a, List<RootFinder.Factor> factors) {
        StringBuilder sb = new StringBuilder();
        for (RootFinder.Factor f : factors) {
            sb.append('(').append(poly(f.poly())).append(')');
            if (f.multiplicity() > 1) {
                sb.append('^').append(f.multiplicity());
            }
        }
        steps.add(Step.of(StepKind.REPEATED_FACTOR, Line.of(new Prose("Split off repeated factors (the greatest"
                + " common divisor with the derivative): "), new Formula(poly(a) + " = " + sb))));
    }

    @Override
    public void quadratic(BigInteger[] f, BigInteger disc, int multiplicity, List<Root> roots) {
        BigInteger a = f[2];
        BigInteger b = f[1];
        BigInteger c = f[0];
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of(new Prose("Quadratic formula for "), new Formula(poly(f) + " = 0"), new Prose(" with "),
                new Formula("a = " + a + ", b = " + b + ", c = " + c), new Prose(": "),
                new Formula(v + " = (-b ± √Δ)/(2a)")));
        lines.add(Line.of(new Prose("Discriminant: "), new Formula("Δ = b^2 - 4ac = " + paren(b) + "^2 - 4·" + paren(a) + "·"
                + paren(c) + " = " + disc)));
        String twoA = a.shiftLeft(1).toString();
        String minusB = b.negate().toString();
        if (disc.signum() == 0) {
            lines.add(Line.of(new Prose("Δ = 0: one double root "), new Formula(v + " = " + minusB + "/" + twoA + " = "
                    + roots.get(0).exact())));
        } else if (disc.signum() > 0) {
            String formula = v + " = (" + minusB + " ± √" + disc + ")/" + twoA;
            Optional<String> pair = plusMinus(roots.get(0).exact(), roots.get(1).exact());
            String result = pair.map(s -> v + " = " + s).orElse(v + " = " + roots.get(0).exact() + " or " + v + " = "
                    + roots.get(1).exact());
            lines.add(Line.of(new Prose("Δ > 0: two real roots "), new Formula(formula + " → " + result)));
        } else if (domain == Domain.COMPLEX) {
            String formula = v + " = (" + minusB + " ± i√" + disc.negate() + ")/" + twoA;
            String result = plusMinus(roots.get(0).exact(), roots.get(1).exact()).orElse(roots.get(0).exact());
            lines.add(Line.of(new Prose("Δ < 0: two complex roots "), new Formula(formula + " → " + v + " = " + result)));
        } else {
            lines.add(Line.prose("Δ < 0: no real root (a square root of a negative number is not real)."));
        }
        if (multiplicity > 1 && !roots.isEmpty()) {
            lines.add(Line.prose("The factor appears " + multiplicity + " times, so each of these roots does."));
        }
        steps.add(new Step(disc.signum() < 0 && domain == Domain.REAL ? StepKind.NO_SOLUTION : StepKind.QUADRATIC_FORMULA,
                lines));
    }

    private static String paren(BigInteger n) {
        return n.signum() < 0 ? "(" + n + ")" : n.toString();
    }

    @Override
    public void cubic(BigInteger[] f, Rational p, Rational q, Rational delta, int multiplicity, List<Root> roots) {
        Rational shift = Rational.of(f[2]).divide(Rational.of(f[3]).multiply(3));
        String substitution = shift.isZero() ? ": it is already depressed, " : ": substitute " + v + " = t"
                + (shift.signum() > 0 ? " - " + shift : " + " + shift.negate()) + " to get ";
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of(new Prose("Cardano's formula for "), new Formula(poly(f) + " = 0"),
                new Prose(substitution),
                new Formula("t^3 + pt + q = 0, p = " + p + ", q = " + q)));
        lines.add(Line.of(new Prose("Δ = (q/2)^2 + (p/3)^3 = " + delta + " > 0, so there is one real root: "),
                new Formula("t = ∛(-q/2 + √Δ) + ∛(-q/2 - √Δ)")));
        lines.add(Line.of(new Prose("Real root: "), new Formula(v + " = " + roots.get(0).exact())));
        if (roots.size() == 3) {
            String pair = plusMinus(roots.get(1).exact(), roots.get(2).exact()).orElse(roots.get(1).exact());
            lines.add(Line.of(new Prose("Complex roots: "), new Formula(v + " = " + pair)));
        }
        steps.add(new Step(StepKind.CUBIC_FORMULA, lines));
    }

    @Override
    public void numeric(BigInteger[] f, int multiplicity, List<Root> roots) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of(new Prose("No closed form is used for "), new Formula(poly(f) + " = 0"),
                new Prose(": its real roots are located exactly (Sturm sequence) and narrowed by bisection to within "
                        + TOLERANCE_TEXT
                        + (domain == Domain.COMPLEX ? "; complex roots come from Aberth's method with an error bound." : "."))));
        StringBuilder sb = new StringBuilder();
        for (Root r : roots) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(v).append(r.approximate() ? " ≈ " + r.exact().substring(1) : " = " + r.exact());
        }
        if (sb.length() > 0) {
            lines.add(Line.of(new Prose("Roots: "), new Formula(sb.toString())));
        } else {
            lines.add(Line.prose("It has no real roots."));
        }
        steps.add(new Step(StepKind.NUMERIC_ROOTS, lines));
    }

    // ---------------------------------------------------------------- the answer

    private void solution(List<Line> lines) {
        steps.add(new Step(StepKind.SOLUTION, lines));
    }

    private void solution(RootFinder.Result result) {
        if (result.classification().kind() == Classification.Kind.NO_REAL_SOLUTION) {
            solution(List.of(Line.prose("Solution: no real solution.")));
            return;
        }
        List<Step.Fragment> parts = new ArrayList<>();
        parts.add(new Prose("Solution: "));
        List<Root> roots = result.roots();
        boolean[] used = new boolean[roots.size()];
        for (int i = 0; i < roots.size(); i++) {
            if (used[i]) {
                continue;
            }
            Root r = roots.get(i);
            String text = r.exact();
            // Pair conjugates (a ± b√d, a ± bi) that share a multiplicity.
            for (int j = i + 1; j < roots.size(); j++) {
                Root o = roots.get(j);
                if (!used[j] && o.multiplicity() == r.multiplicity() && o.approximate() == r.approximate()
                        && (o instanceof RealRoot) == (r instanceof RealRoot)) {
                    Optional<String> pair = plusMinus(text, o.exact());
                    if (pair.isPresent()) {
                        text = pair.get();
                        used[j] = true;
                        break;
                    }
                }
            }
            if (parts.size() > 1) {
                parts.add(new Prose(" or "));
            }
            boolean approx = r.approximate() && text.startsWith("≈");
            parts.add(new Formula(v + (approx ? " ≈ " + text.substring(1) : " = " + text)));
            if (r.multiplicity() > 1) {
                parts.add(new Prose(" (multiplicity " + r.multiplicity() + ")"));
            }
        }
        solution(List.of(new Line(false, parts)));
    }

    /**
     * {@code "A ± B"} when the two texts are {@code "A + B"} and {@code "A - B"} (or
     * {@code "B"} and {@code "-B"}), splitting at the last top-level sign.
     */
    static Optional<String> plusMinus(String x, String y) {
        int sx = lastTopLevelSign(x);
        int sy = lastTopLevelSign(y);
        if (sx < 0 && sy < 0) {
            if (y.equals("-" + x)) {
                return Optional.of("±" + x);
            }
            if (x.equals("-" + y)) {
                return Optional.of("±" + y);
            }
            return Optional.empty();
        }
        if (sx < 0 || sy < 0 || sx != sy) {
            return Optional.empty();
        }
        String ax = x.substring(0, sx);
        String bx = x.substring(sx + 3);
        String ay = y.substring(0, sy);
        String by = y.substring(sy + 3);
        if (!ax.equals(ay) || !bx.equals(by) || x.charAt(sx + 1) == y.charAt(sy + 1)) {
            return Optional.empty();
        }
        return Optional.of(ax + " ± " + bx);
    }

    private static int lastTopLevelSign(String s) {
        int depth = 0;
        for (int i = s.length() - 1; i >= 2; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                depth--;
            } else if (depth == 0 && (c == ' ') && i >= 2 && (s.charAt(i - 1) == '+' || s.charAt(i - 1) == '-')
                    && s.charAt(i - 2) == ' ') {
                return i - 2;
            }
        }
        return -1;
    }
}
