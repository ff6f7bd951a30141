package dev.stepsolver.solver.modern;

import dev.stepsolver.solver.Classification;
import dev.stepsolver.solver.ComplexRoot;
import dev.stepsolver.solver.Domain;
import dev.stepsolver.solver.Limits;
import dev.stepsolver.solver.RealRoot;
import dev.stepsolver.solver.Root;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.algebra.ComplexRootFinder;
import dev.stepsolver.solver.algebra.IntPoly;
import dev.stepsolver.solver.algebra.IntegerMath;
import dev.stepsolver.solver.algebra.Polynomial;
import dev.stepsolver.solver.algebra.QuadraticSurd;
import dev.stepsolver.solver.algebra.Rational;
import dev.stepsolver.solver.algebra.RealRootIsolator;
import dev.stepsolver.solver.modern.CubicFormula.CubeRoot;
import dev.stepsolver.solver.modern.CubicFormula.Depressed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds every root of a polynomial, exactly where it can:
 * <ol>
 *   <li>powers of x are factored out (root 0);</li>
 *   <li>rational roots by the rational root theorem, each divided out as often as it divides
 *       (its multiplicity); candidates p/q are listed from the divisors of the constant and
 *       leading coefficients when there are few, otherwise taken near the certified real roots
 *       (a rational root p/q has q dividing the leading coefficient, so an isolating interval
 *       narrower than 1/a_n² holds at most one candidate);</li>
 *   <li>what is left is split into square-free factors (multiplicities of irrational roots);</li>
 *   <li>factors of degree 2 by the quadratic formula with simplified surds, of degree 3 by
 *       Cardano's formula when it has one real root, and everything else numerically:
 *       certified real roots from Sturm sequences, complex ones from Aberth's method with an
 *       error bound.</li>
 * </ol>
 * A {@link Narrator} hears about each stage; the modern style turns that into steps.
 */
public final class RootFinder {

    private static final long DIVISOR_LIMIT = 1_000_000_000_000L;
    private static final int MAX_LISTED_CANDIDATES = 4_000;

    /** The classification and the roots, real ones ascending, complex ones after them. */
    public record Result(Classification classification, List<Root> roots) {
    }

    /** A square-free factor and how often it divides. */
    public record Factor(BigInteger[] poly, int multiplicity) {
    }

    /** Receives what the root finder does, in order. Every method does nothing by default. */
    public interface Narrator {

        /** x^power was factored out, leaving {@code rest}. */
        default void factoredOut(int power, BigInteger[] rest) {
        }

        /**
         * The rational root theorem is applied to {@code poly}: either the candidates are listed,
         * or (too many divisors) candidates are taken near the real roots.
         */
        default void rationalCandidates(BigInteger[] poly, List<Rational> candidates, boolean listed) {
        }

        /** {@code root} divides {@code multiplicity} times, leaving {@code quotient}. */
        default void rationalRoot(Rational root, int multiplicity, BigInteger[] quotient) {
        }

        /** The remaining factor has no rational root. */
        default void noRationalRoot(BigInteger[] poly) {
        }

        /** The remaining factor splits into square-free factors with multiplicities. */
        default void repeatedFactors(BigInteger[] poly, List<Factor> factors) {
        }

        /** A quadratic factor was solved by the formula. */
        default void quadratic(BigInteger[] f, BigInteger discriminant, int multiplicity, List<Root> roots) {
        }

        /** A cubic factor was solved by Cardano's formula. */
        default void cubic(BigInteger[] f, Rational p, Rational q, Rational delta, int multiplicity, List<Root> roots) {
        }

        /** A factor was solved numerically. */
        default void numeric(BigInteger[] f, int multiplicity, List<Root> roots) {
        }
    }

    private static final Narrator SILENT = new Narrator() {
    };

    private final Domain domain;
    private final Narrator narrator;
    private final List<RealRoot> real = new ArrayList<>();
    private final List<ComplexRoot> complex = new ArrayList<>();

    private RootFinder(Domain domain, Narrator narrator) {
        this.domain = domain;
        this.narrator = narrator;
    }

    /** Roots of {@code p = 0}. */
    public static Result find(Polynomial p, Domain domain) throws SolverException {
        return find(p, domain, SILENT);
    }

    /** Roots of {@code p = 0}, telling the narrator how they were found. */
    public static Result find(Polynomial p, Domain domain, Narrator narrator) throws SolverException {
        if (p.isZero()) {
            return new Result(Classification.identity(), List.of());
        }
        if (p.degree() == 0) {
            return new Result(Classification.contradiction(), List.of());
        }
        RootFinder finder = new RootFinder(domain, narrator);
        BigInteger[] a = p.toPrimitiveIntegers();
        switch (a.length - 1) {
            case 1 -> finder.addRational(Rational.of(a[0].negate(), a[1]), 1);
            case 2 -> finder.quadratic(a, 1);
            default -> finder.general(a);
        }
        return finder.result(p.degree());
    }

    private Result result(int degree) {
        real.sort(Comparator.comparingDouble(RealRoot::value));
        complex.sort(Comparator.comparingDouble(ComplexRoot::re).thenComparingDouble(ComplexRoot::im));
        List<Root> all = new ArrayList<>(real.size() + complex.size());
        all.addAll(real);
        all.addAll(complex);
        Classification c = all.isEmpty() ? Classification.noRealSolution(degree) : Classification.polynomial(degree);
        return new Result(c, List.copyOf(all));
    }

    // ---------------------------------------------------------------- exact parts

    private RealRoot addRational(Rational r, int multiplicity) {
        RealRoot root = RealRoot.exact(r.toString(), r.doubleValue(), multiplicity);
        real.add(root);
        return root;
    }

    /** a[2]x² + a[1]x + a[0] with a[2] > 0. */
    private void quadratic(BigInteger[] a, int multiplicity) {
        List<Root> found = new ArrayList<>(2);
        BigInteger disc;
        Rational twoA;
        Rational vertex;
        BigInteger root;
        if (a[0].bitLength() < 31 && a[1].bitLength() < 31 && a[2].bitLength() < 31) {
            // Small coefficients: the discriminant fits in a long (the common case, kept off BigInteger).
            long la = a[2].longValue();
            long lb = a[1].longValue();
            long d = lb * lb - 4 * la * a[0].longValue();
            disc = BigInteger.valueOf(d);
            twoA = Rational.of(2 * la);
            vertex = Rational.of(-lb, 2 * la);
            long r = d < 0 ? -1 : IntegerMath.isqrt(d);
            root = r >= 0 && r * r == d ? BigInteger.valueOf(r) : BigInteger.ONE.negate();
        } else {
            disc = a[1].multiply(a[1]).subtract(a[2].multiply(a[0]).shiftLeft(2));
            twoA = Rational.of(a[2].shiftLeft(1));
            vertex = Rational.of(a[1].negate()).divide(twoA);
            root = disc.signum() < 0 ? BigInteger.ONE.negate() : IntegerMath.exactSqrt(disc);
        }
        if (disc.signum() == 0) {
            found.add(addRational(vertex, 2 * multiplicity));
        } else if (disc.signum() > 0) {
            if (root.signum() >= 0) {
                Rational delta = Rational.of(root).divide(twoA);
                found.add(addRational(vertex.subtract(delta), multiplicity));
                found.add(addRational(vertex.add(delta), multiplicity));
            } else {
                QuadraticSurd plus = QuadraticSurd.of(vertex, twoA.reciprocal(), Rational.of(disc));
                for (QuadraticSurd s : new QuadraticSurd[] {plus.conjugate(), plus}) {
                    RealRoot r = RealRoot.exact(s.toString(), s.doubleValue(), multiplicity);
                    real.add(r);
                    found.add(r);
                }
            }
        } else if (domain == Domain.COMPLEX) {
            QuadraticSurd im = QuadraticSurd.of(Rational.ZERO, twoA.reciprocal(), Rational.of(disc.negate()));
            double imValue = im.doubleValue();
            for (int sign : new int[] {1, -1}) {
                ComplexRoot c = ComplexRoot.exact(complexText(vertex, im, sign), vertex.doubleValue(), sign * imValue,
                        multiplicity);
                complex.add(c);
                found.add(c);
            }
        }
        narrator.quadratic(a, disc, multiplicity, found);
    }

    /** {@code -1/2 + (√3/2)i}, {@code 2i}, {@code -i}, {@code 1 - (1/2)i}. */
    static String complexText(Rational re, QuadraticSurd imMagnitude, int sign) {
        String im = imaginaryText(imMagnitude);
        if (re.isZero()) {
            return sign < 0 ? "-" + im : im;
        }
        return re + (sign < 0 ? " - " : " + ") + im;
    }

    /** The positive imaginary part written as {@code i}, {@code 2i}, {@code (1/2)i}, {@code (√3/2)i}. */
    static String imaginaryText(QuadraticSurd imMagnitude) {
        if (imMagnitude.isRational()) {
            Rational m = imMagnitude.a();
            if (m.isOne()) {
                return "i";
            }
            return m.isInteger() ? m + "i" : "(" + m + ")i";
        }
        return "(" + QuadraticSurd.rootTerm(imMagnitude.b(), imMagnitude.d()) + ")i";
    }

    private void general(BigInteger[] a) throws SolverException {
        int k = 0;
        while (a[k].signum() == 0) {
            k++;
        }
        if (k > 0) {
            addRational(Rational.ZERO, k);
            a = Arrays.copyOfRange(a, k, a.length);
            narrator.factoredOut(k, a);
        }
        switch (a.length - 1) {
            case 0 -> {
                return;
            }
            case 1 -> {
                addRational(Rational.of(a[0].negate(), a[1]), 1);
                return;
            }
            case 2 -> {
                quadratic(a, 1);
                return;
            }
            default -> {
            }
        }
        a = rationalRoots(a);
        switch (a.length - 1) {
            case 0 -> {
                return;
            }
            case 1 -> {
                addRational(Rational.of(a[0].negate(), a[1]), 1);
                return;
            }
            case 2 -> {
                narrator.noRationalRoot(a);
                quadratic(a, 1);
                return;
            }
            default -> narrator.noRationalRoot(a);
        }
        List<Factor> factors = squareFree(a);
        if (factors.size() > 1 || factors.get(0).multiplicity() > 1) {
            narrator.repeatedFactors(a, factors);
        }
        for (Factor f : factors) {
            switch (f.poly().length - 1) {
                case 1 -> addRational(Rational.of(f.poly()[0].negate(), f.poly()[1]), f.multiplicity());
                case 2 -> quadratic(f.poly(), f.multiplicity());
                case 3 -> cubic(f.poly(), f.multiplicity());
                default -> numeric(f.poly(), f.multiplicity());
            }
        }
    }

    // ---------------------------------------------------------------- rational roots

    /** Divides out every rational root; returns what is left (primitive). */
    private BigInteger[] rationalRoots(BigInteger[] a) throws SolverException {
        BigInteger constant = a[0].abs();
        BigInteger leading = a[a.length - 1];
        List<Rational> candidates = null;
        if (constant.bitLength() < 63 && leading.bitLength() < 63
                && constant.longValue() <= DIVISOR_LIMIT && leading.longValue() <= DIVISOR_LIMIT) {
            long c = constant.longValue();
            long l = leading.longValue();
            if (IntegerMath.divisorCount(c) * IntegerMath.divisorCount(l) <= MAX_LISTED_CANDIDATES / 2) {
                candidates = candidates(IntegerMath.divisors(c), IntegerMath.divisors(l));
            }
        }
        if (candidates != null) {
            narrator.rationalCandidates(a, candidates, true);
            for (Rational r : candidates) {
                if (a.length <= 1) {
                    break;
                }
                a = divideOut(a, r);
            }
            return a;
        }
        narrator.rationalCandidates(a, List.of(), false);
        for (Rational r : rationalRootsNearRealRoots(a)) {
            a = divideOut(a, r);
        }
        return a;
    }

    // p/q in lowest terms, ±, ordered by denominator then magnitude, positive first.
    private static List<Rational> candidates(long[] constantDivisors, long[] leadingDivisors) {
        List<Rational> out = new ArrayList<>();
        for (long q : leadingDivisors) {
            for (long p : constantDivisors) {
                if (gcd(p, q) == 1) {
                    out.add(Rational.of(p, q));
                    out.add(Rational.of(-p, q));
                }
            }
        }
        return out;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private BigInteger[] divideOut(BigInteger[] a, Rational r) {
        int multiplicity = 0;
        BigInteger p = r.numerator();
        BigInteger q = r.denominator();
        while (a.length > 1 && isRoot(a, r)) {
            a = IntPoly.divideByRoot(a, p, q);
            multiplicity++;
        }
        if (multiplicity > 0) {
            a = IntPoly.primitive(a);
            addRational(r, multiplicity);
            narrator.rationalRoot(r, multiplicity, a);
        }
        return a;
    }

    private static boolean isRoot(BigInteger[] a, Rational r) {
        // A double evaluation rules out most candidates; only near-zeros are checked exactly.
        double x = r.doubleValue();
        double value = 0;
        double magnitude = 0;
        for (int i = a.length - 1; i >= 0; i--) {
            double c = a[i].doubleValue();
            value = value * x + c;
            magnitude = magnitude * Math.abs(x) + Math.abs(c);
        }
        if (Double.isFinite(value) && Double.isFinite(magnitude) && Math.abs(value) > 1e-9 * magnitude) {
            return false;
        }
        return IntPoly.homogeneousValue(a, r.numerator(), r.denominator()).signum() == 0;
    }

    // The last isolation, kept when no rational root came out of it: numeric() would redo it.
    private BigInteger[] isolatedPoly;
    private List<RealRootIsolator.Isolated> isolated;

    private List<RealRootIsolator.Isolated> isolate(BigInteger[] f) throws SolverException {
        if (isolatedPoly != null && java.util.Arrays.equals(isolatedPoly, f)) {
            return isolated;
        }
        List<RealRootIsolator.Isolated> intervals = RealRootIsolator.isolate(f);
        isolatedPoly = f;
        isolated = intervals;
        return intervals;
    }

    private List<Rational> rationalRootsNearRealRoots(BigInteger[] a) throws SolverException {
        BigInteger[] s = squareFreePart(a);
        BigInteger lead = s[s.length - 1];
        // Narrower than 1/lead² holds at most one fraction with denominator ≤ lead.
        Rational width = Rational.of(BigInteger.ONE, lead.multiply(lead).shiftLeft(1));
        List<Rational> out = new ArrayList<>();
        for (RealRootIsolator.Isolated iv : isolate(s)) {
            RealRootIsolator.Isolated narrow = RealRootIsolator.refine(s, iv, width);
            Rational candidate = narrow.exact() != null ? narrow.exact() : simplestBetween(narrow.lo(), narrow.hi());
            if (candidate.denominator().compareTo(lead) <= 0
                    && IntPoly.homogeneousValue(s, candidate.numerator(), candidate.denominator()).signum() == 0) {
                out.add(candidate);
            }
        }
        return out;
    }

    /** The fraction with the smallest denominator in {@code [lo, hi]} (continued fractions). */
    static Rational simplestBetween(Rational lo, Rational hi) {
        if (lo.signum() <= 0 && hi.signum() >= 0) {
            return Rational.ZERO;
        }
        if (hi.signum() < 0) {
            return simplestBetween(hi.negate(), lo.negate()).negate();
        }
        List<BigInteger> terms = new ArrayList<>();
        Rational a = lo;
        Rational b = hi;
        while (true) {
            BigInteger f = a.floor();
            Rational fr = Rational.of(f);
            if (fr.equals(a)) {
                terms.add(f);
                break;
            }
            if (fr.add(Rational.ONE).compareTo(b) <= 0) {
                terms.add(f.add(BigInteger.ONE));
                break;
            }
            terms.add(f);
            Rational na = b.subtract(fr).reciprocal();
            Rational nb = a.subtract(fr).reciprocal();
            a = na;
            b = nb;
        }
        Rational value = Rational.of(terms.get(terms.size() - 1));
        for (int i = terms.size() - 2; i >= 0; i--) {
            value = Rational.of(terms.get(i)).add(value.reciprocal());
        }
        return value;
    }

    // ---------------------------------------------------------------- square-free factors

    private static BigInteger[] squareFreePart(BigInteger[] a) {
        if (IntPoly.certainlySquareFree(a)) {
            return a;
        }
        BigInteger[] g = IntPoly.gcd(a, IntPoly.derivative(a));
        return g.length <= 1 ? a : IntPoly.primitive(IntPoly.divideExact(IntPoly.primitive(a), g));
    }

    /** Yun's algorithm, in integer arithmetic (every divisor is primitive, so quotients stay integral). */
    static List<Factor> squareFree(BigInteger[] a) {
        BigInteger[] f = IntPoly.primitive(a);
        if (IntPoly.certainlySquareFree(f)) {
            return new ArrayList<>(List.of(new Factor(f, 1)));
        }
        BigInteger[] d = IntPoly.derivative(f);
        BigInteger[] g = IntPoly.gcd(f, d);
        List<Factor> out = new ArrayList<>();
        if (g.length <= 1) {
            out.add(new Factor(f, 1));
            return out;
        }
        BigInteger[] b = IntPoly.divideExact(f, g);
        BigInteger[] c = IntPoly.divideExact(d, g);
        BigInteger[] e = subtract(c, IntPoly.derivative(b));
        int i = 1;
        while (b.length > 1) {
            BigInteger[] h = e.length == 0 ? b : IntPoly.gcd(b, e);
            if (h.length > 1) {
                out.add(new Factor(IntPoly.primitive(h), i));
            }
            b = IntPoly.divideExact(b, h);
            c = e.length == 0 ? e : IntPoly.divideExact(e, h);
            e = subtract(c, IntPoly.derivative(b));
            i++;
        }
        return out;
    }

    private static BigInteger[] subtract(BigInteger[] x, BigInteger[] y) {
        BigInteger[] r = new BigInteger[Math.max(x.length, y.length)];
        for (int k = 0; k < r.length; k++) {
            BigInteger u = k < x.length ? x[k] : BigInteger.ZERO;
            BigInteger v = k < y.length ? y[k] : BigInteger.ZERO;
            r[k] = u.subtract(v);
        }
        return IntPoly.trim(r);
    }

    // ---------------------------------------------------------------- cubic and numeric

    private void cubic(BigInteger[] f, int multiplicity) throws SolverException {
        Depressed dep = CubicFormula.depress(f);
        if (dep.delta().signum() <= 0) {
            numeric(f, multiplicity); // three real roots: no real radicals (casus irreducibilis)
            return;
        }
        CubeRoot[] uv = CubicFormula.cubeRoots(dep);
        List<Root> found = new ArrayList<>(3);
        RealRootIsolator.Isolated iv = isolate(f).get(0);
        double value = RealRootIsolator.nearestDouble(f, iv);
        RealRoot r = RealRoot.exact(CubicFormula.realRoot(dep.shift(), uv[0], uv[1]), value, multiplicity);
        real.add(r);
        found.add(r);
        if (domain == Domain.COMPLEX) {
            double u = uv[0].value();
            double v = uv[1].value();
            double re = dep.shift().doubleValue() - (u + v) / 2;
            double im = Math.sqrt(3) / 2 * (u - v);
            String reText = CubicFormula.complexRealPart(dep.shift(), uv[0], uv[1]);
            String imText = CubicFormula.complexImaginaryPart(uv[0], uv[1]);
            for (int sign : new int[] {1, -1}) {
                ComplexRoot c = ComplexRoot.exact(reText + (sign > 0 ? " + " : " - ") + imText + "·i", re, sign * im,
                        multiplicity);
                complex.add(c);
                found.add(c);
            }
        }
        narrator.cubic(f, dep.p(), dep.q(), dep.delta(), multiplicity, found);
    }

    private void numeric(BigInteger[] f, int multiplicity) throws SolverException {
        List<Root> found = new ArrayList<>();
        List<RealRootIsolator.Isolated> intervals = isolate(f);
        for (RealRootIsolator.Isolated iv : intervals) {
            double[] approximation = RealRootIsolator.approximate(f, iv, Limits.NUMERIC_TOLERANCE);
            RealRoot r = approximation[1] == 0
                    ? RealRoot.exact(new BigDecimal(approximation[0]).toString(), approximation[0], multiplicity)
                    : new RealRoot("≈" + decimal(approximation[0]), approximation[0], multiplicity, true,
                            approximation[1]);
            real.add(r);
            found.add(r);
        }
        int nonReal = f.length - 1 - intervals.size();
        if (domain == Domain.COMPLEX && nonReal > 0) {
            List<ComplexRootFinder.Approximation> all = new ArrayList<>(ComplexRootFinder.roots(f));
            all.sort(Comparator.comparingDouble(z -> -Math.abs(z.im())));
            List<ComplexRootFinder.Approximation> upper = new ArrayList<>();
            for (ComplexRootFinder.Approximation z : all.subList(0, nonReal)) {
                if (z.im() > 0) {
                    upper.add(z);
                }
            }
            for (ComplexRootFinder.Approximation z : upper) {
                double error = z.error();
                for (int sign : new int[] {1, -1}) {
                    String text = "≈" + decimal(z.re()) + (sign > 0 ? " + " : " - ") + decimal(z.im()) + "i";
                    ComplexRoot c = new ComplexRoot(text, z.re(), sign * z.im(), multiplicity, true, error);
                    complex.add(c);
                    found.add(c);
                }
            }
        }
        narrator.numeric(f, multiplicity, found);
    }

    /** Twelve significant digits, no exponent: {@code 1.32471795724}, {@code -0.000123456789012}. */
    static String decimal(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
