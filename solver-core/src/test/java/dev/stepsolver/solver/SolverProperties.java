package dev.stepsolver.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.solver.ExactCheck.Frac;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties over thousands of generated equations. */
class SolverProperties {

    // ------------------------------------------------------------ generators

    /** A polynomial (ascending coefficients) with a random split into two sides. */
    record Equation(List<Frac> difference, String text) {
    }

    @Provide
    Arbitrary<Frac> smallFractions() {
        Arbitrary<Integer> num = Arbitraries.integers().between(-12, 12);
        Arbitrary<Integer> den = Arbitraries.of(1, 1, 1, 2, 3, 4, 5);
        return Combinators.combine(num, den).as((n, d) -> Frac.of(n, d));
    }

    @Provide
    Arbitrary<Equation> modernEquations() {
        Arbitrary<List<Frac>> left = smallFractions().list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<List<Frac>> right = smallFractions().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Integer> style = Arbitraries.integers().between(0, 2);
        return Combinators.combine(left, right, style).as((l, r, s) -> {
            List<Frac> diff = new ArrayList<>();
            for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
                Frac a = i < l.size() ? l.get(i) : Frac.ZERO;
                Frac b = i < r.size() ? r.get(i) : Frac.ZERO;
                diff.add(a.add(b.negate()));
            }
            return new Equation(diff, side(l, s) + " = " + side(r, s));
        });
    }

    // Writes a side with a mix of notations: 3/4x^2, 3x^2/4, (3/4)*x^2, 0.75x².
    private static String side(List<Frac> ascending, int style) {
        StringBuilder sb = new StringBuilder();
        for (int i = ascending.size() - 1; i >= 0; i--) {
            Frac c = ascending.get(i);
            if (c.signum() == 0 && !(i == 0 && sb.length() == 0)) {
                continue;
            }
            sb.append(sb.length() == 0 ? (c.signum() < 0 ? "-" : "") : (c.signum() < 0 ? " - " : " + "));
            Frac m = c.signum() < 0 ? c.negate() : c;
            String power = i == 0 ? "" : i == 1 ? "x" : (style == 2 && i <= 3 ? (i == 2 ? "x²" : "x³") : "x^" + i);
            boolean whole = m.d().equals(BigInteger.ONE);
            switch (style) {
                case 0 -> sb.append(m.text()).append(power);
                case 1 -> sb.append(whole ? m.n() + power : "(" + m.text() + ")*" + (power.isEmpty() ? "1" : power));
                default -> sb.append(whole ? m.n() + power : m.n() + power + "/" + m.d());
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private static int degree(List<Frac> p) {
        for (int i = p.size() - 1; i >= 0; i--) {
            if (p.get(i).signum() != 0) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------ roots satisfy the equation

    @Property(tries = 3000)
    void everyRootOfAModernEquationSatisfiesItExactly(@ForAll("modernEquations") Equation eq,
                                                      @ForAll boolean complexDomain) throws SolverException {
        Options options = Options.modern().withDomain(complexDomain ? Domain.COMPLEX : Domain.REAL);
        Solution s = Solver.solve(eq.text(), options);
        int degree = degree(eq.difference());
        if (degree < 0) {
            assertThat(s.classification()).isEqualTo(Classification.identity());
            return;
        }
        if (degree == 0) {
            assertThat(s.classification()).isEqualTo(Classification.contradiction());
            return;
        }
        int counted = 0;
        for (Root r : s.roots()) {
            counted += r.multiplicity();
            assertSatisfies(eq.difference(), r);
        }
        if (complexDomain) {
            assertThat(counted).as("roots with multiplicity of %s", eq.text()).isEqualTo(degree);
        }
    }

    private static void assertSatisfies(List<Frac> p, Root r) {
        if (!r.approximate() && ExactCheck.readable(r.exact())) {
            assertThat(ExactCheck.evaluate(p, ExactCheck.parse(r.exact())).isZero())
                    .as("P(%s) = 0 exactly", r.exact()).isTrue();
        } else if (r instanceof RealRoot real) {
            // Numeric (or cube-root) forms: P changes sign across the stated error bound.
            double e = Math.max(real.errorBound(), Limits.NUMERIC_TOLERANCE * Math.max(1, Math.abs(real.value())));
            BigDecimal x = new BigDecimal(real.value());
            BigDecimal delta = new BigDecimal(e).add(new BigDecimal(Math.ulp(real.value())));
            int lo = ExactCheck.signAt(p, x.subtract(delta));
            int hi = ExactCheck.signAt(p, x.add(delta));
            assertThat(lo * hi).as("sign change of P around %s ± %s", real.value(), e).isLessThanOrEqualTo(0);
        } else {
            // Cube-root or numeric complex forms: some root of P lies within n·|P(z)|/|P'(z)| of z.
            ComplexRoot z = (ComplexRoot) r;
            double[] value = {0, 0};
            double[] slope = {0, 0};
            for (int i = p.size() - 1; i >= 0; i--) {
                double sr = slope[0] * z.re() - slope[1] * z.im() + value[0];
                double si = slope[0] * z.im() + slope[1] * z.re() + value[1];
                slope = new double[] {sr, si};
                double c = p.get(i).n().doubleValue() / p.get(i).d().doubleValue();
                double vr = value[0] * z.re() - value[1] * z.im() + c;
                double vi = value[0] * z.im() + value[1] * z.re();
                value = new double[] {vr, vi};
            }
            double radius = degree(p) * Math.hypot(value[0], value[1]) / Math.hypot(slope[0], slope[1]);
            double allowed = Math.max(1e-9 * Math.max(1, Math.hypot(z.re(), z.im())), 10 * z.errorBound());
            assertThat(radius).as("distance bound of %s to a root", z.exact()).isLessThanOrEqualTo(allowed);
        }
    }

    @Property(tries = 2000)
    void everyRootOfAClassicEquationSatisfiesItExactly(@ForAll @Size(min = 1, max = 5) List<@IntRange(min = -30, max = 30) Integer> left,
                                                       @ForAll @Size(min = 1, max = 3) List<@IntRange(min = -30, max = 30) Integer> right)
            throws SolverException {
        List<Frac> diff = new ArrayList<>();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            long a = i < left.size() ? left.get(i) : 0;
            long b = i < right.size() ? right.get(i) : 0;
            diff.add(Frac.of(a - b, 1));
        }
        String equation = classicSide(left) + " = " + classicSide(right);
        Solution s = Solver.solve(equation);
        List<String> lines = s.lines(Format.TEXT);
        assertThat(lines.get(0)).isEqualTo(equation);
        assertThat(lines.get(lines.size() - 2)).isEqualTo("\nSolution:");
        for (Root r : s.roots()) {
            assertSatisfies(diff, r);
        }
    }

    // The original's spelling: 3x^2 - x + 4, - 2x, 0.
    private static String classicSide(List<Integer> ascending) {
        StringBuilder sb = new StringBuilder();
        for (int i = ascending.size() - 1; i >= 0; i--) {
            int c = ascending.get(i);
            if (c == 0) {
                continue;
            }
            sb.append(sb.length() == 0 ? (c < 0 ? "- " : "") : (c < 0 ? " - " : " + "));
            int m = Math.abs(c);
            if (i == 0) {
                sb.append(m);
            } else {
                sb.append(m == 1 ? "" : String.valueOf(m)).append('x').append(i > 1 ? "^" + i : "");
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    // ------------------------------------------------------------ products of (x - r)

    @Provide
    Arbitrary<List<Frac>> rootLists() {
        // A small pool makes repeated roots (multiplicities) common.
        Arbitrary<Frac> root = Combinators.combine(Arbitraries.integers().between(-9, 9), Arbitraries.of(1, 1, 2, 3, 4))
                .as((n, d) -> Frac.of(n, d));
        return root.list().ofMinSize(1).ofMaxSize(7);
    }

    @Property(tries = 3000)
    void expandingAProductOfLinearFactorsAndSolvingRecoversTheRootsWithMultiplicities(
            @ForAll("rootLists") List<Frac> roots, @ForAll boolean expanded) throws SolverException {
        Map<String, Integer> expected = new TreeMap<>();
        for (Frac r : roots) {
            expected.merge(r.text(), 1, Integer::sum);
        }
        String equation = expanded ? expandedText(roots) : productText(roots);
        Solution s = Solver.solve(equation, Options.modern());
        Map<String, Integer> found = new TreeMap<>();
        for (Root r : s.roots()) {
            assertThat(r.approximate()).isFalse();
            found.put(r.exact(), r.multiplicity());
        }
        assertThat(found).as(equation).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void theClassicStyleRecoversIntegerRootsOfAnExpandedProduct(
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = -9, max = 9) Integer> roots) throws SolverException {
        List<Frac> fracs = roots.stream().map(r -> Frac.of(r, 1)).toList();
        Map<String, Integer> expected = new TreeMap<>();
        for (Frac r : fracs) {
            expected.merge(r.text(), 1, Integer::sum);
        }
        List<Integer> coefficients = new ArrayList<>();
        for (Frac c : coefficients(fracs)) {
            coefficients.add(c.n().intValueExact());
        }
        Solution s = Solver.solve(classicSide(coefficients) + " = 0");
        Map<String, Integer> found = new TreeMap<>();
        s.roots().forEach(r -> found.put(r.exact(), r.multiplicity()));
        assertThat(found).isEqualTo(expected);
    }

    // ∏ (q x - p) as ascending integer coefficients.
    private static List<Frac> coefficients(List<Frac> roots) {
        List<Frac> poly = new ArrayList<>(List.of(Frac.of(1, 1)));
        for (Frac r : roots) {
            List<Frac> next = new ArrayList<>(Collections.nCopies(poly.size() + 1, Frac.ZERO));
            Frac q = Frac.of(r.d(), BigInteger.ONE);
            Frac minusP = Frac.of(r.n().negate(), BigInteger.ONE);
            for (int i = 0; i < poly.size(); i++) {
                next.set(i + 1, next.get(i + 1).add(poly.get(i).multiply(q)));
                next.set(i, next.get(i).add(poly.get(i).multiply(minusP)));
            }
            poly = next;
        }
        return poly;
    }

    private static String expandedText(List<Frac> roots) {
        return side(coefficients(roots), 0) + " = 0";
    }

    private static String productText(List<Frac> roots) {
        StringBuilder sb = new StringBuilder();
        for (Frac r : roots) {
            sb.append("(x ").append(r.signum() < 0 ? "+ " + r.negate().text() : "- " + r.text()).append(')');
        }
        return sb.append(" = 0").toString();
    }

    // ------------------------------------------------------------ nothing but SolverException

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<Character> symbols = Arbitraries.of('x', 'y', '0', '1', '2', '9', '+', '-', '*', '/', '^', '(', ')',
                '=', '.', ' ', '²', '³', '−', '√', 'é', '\t', '\n', '\u0000', '\uD83D', '(', ')', 'x', '^');
        Arbitrary<Character> anything = Arbitraries.chars();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, symbols.list().ofMaxSize(40).map(SolverProperties::join)),
                net.jqwik.api.Tuple.of(1, anything.list().ofMaxSize(40).map(SolverProperties::join)));
    }

    private static String join(List<Character> chars) {
        StringBuilder sb = new StringBuilder();
        chars.forEach(sb::append);
        return sb.toString();
    }

    @Property(tries = 5000)
    void randomInputRaisesNothingButTheSolversException(@ForAll("noise") String input, @ForAll Style style,
                                                        @ForAll Domain domain) {
        try {
            Solution s = Solver.solve(input, new Options(style, domain));
            assertThat(s.lines(Format.TEXT)).isNotEmpty();
            assertThat(s.toJson()).startsWith("{").endsWith("}");
            assertThat(s.lines(Format.LATEX)).hasSameSizeAs(s.lines(Format.TEXT));
        } catch (SolverException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            expected.position().ifPresent(p -> assertThat(p).isBetween(0, input.length()));
        }
    }
}
