package dev.stepsolver.solver.modern;

import dev.stepsolver.solver.algebra.IntegerMath;
import dev.stepsolver.solver.algebra.QuadraticSurd;
import dev.stepsolver.solver.algebra.Rational;
import java.math.BigInteger;

/**
 * Cardano's formula for an irreducible cubic {@code ax³ + bx² + cx + d} with one real root
 * (positive discriminant Δ = (q/2)² + (p/3)³ of the depressed cubic {@code t³ + pt + q}):
 * {@code x = -b/(3a) + ∛(-q/2 + √Δ) + ∛(-q/2 - √Δ)}, and the complex pair
 * {@code x = -b/(3a) - (u + v)/2 ± (√3/2)(u - v)i}.
 */
final class CubicFormula {

    /** A real cube root {@code coefficient · radical}, with its numeric value. */
    record CubeRoot(Rational coefficient, String radical, double value) {

        boolean isZero() {
            return coefficient.isZero();
        }

        CubeRoot half() {
            return new CubeRoot(coefficient.divide(Rational.TWO), radical, value / 2);
        }

        /** {@code ∛2}, {@code -2∛3}, {@code ∛3/2}, {@code ∛(1 + √2)}, {@code 5/2}. */
        String text() {
            if (radical.isEmpty()) {
                return coefficient.toString();
            }
            StringBuilder sb = new StringBuilder();
            BigInteger num = coefficient.numerator();
            if (num.signum() < 0) {
                sb.append('-');
            }
            if (!num.abs().equals(BigInteger.ONE)) {
                sb.append(num.abs());
            }
            sb.append(radical);
            if (!coefficient.isInteger()) {
                sb.append('/').append(coefficient.denominator());
            }
            return sb.toString();
        }

        /** The cube root of {@code a}, simplified when {@code a} is rational. */
        static CubeRoot of(QuadraticSurd a) {
            double value = Math.cbrt(a.doubleValue());
            if (!a.isRational()) {
                return new CubeRoot(Rational.ONE, "∛(" + a + ")", value);
            }
            Rational r = a.a();
            if (r.isZero()) {
                return new CubeRoot(Rational.ZERO, "", 0);
            }
            // ∛(n/d) = ∛(n·d²)/d, then pull out cubes.
            BigInteger n = r.numerator();
            BigInteger d = r.denominator();
            BigInteger[] st = IntegerMath.extractPower(n.abs().multiply(d).multiply(d), 3);
            Rational coefficient = Rational.of(st[0], d);
            if (n.signum() < 0) {
                coefficient = coefficient.negate();
            }
            return new CubeRoot(coefficient, st[1].equals(BigInteger.ONE) ? "" : "∛" + st[1], value);
        }
    }

    /** The depressed cubic and its discriminant. */
    record Depressed(Rational shift, Rational p, Rational q, Rational delta) {
    }

    private CubicFormula() {
    }

    static Depressed depress(BigInteger[] f) {
        Rational a = Rational.of(f[3]);
        Rational b = Rational.of(f[2]);
        Rational c = Rational.of(f[1]);
        Rational d = Rational.of(f[0]);
        Rational shift = b.negate().divide(a.multiply(3));
        // p = (3ac - b²) / (3a²), q = (2b³ - 9abc + 27a²d) / (27a³)
        Rational p = a.multiply(c).multiply(3).subtract(b.multiply(b)).divide(a.multiply(a).multiply(3));
        Rational q = b.pow(3).multiply(2).subtract(a.multiply(b).multiply(c).multiply(9))
                .add(a.multiply(a).multiply(d).multiply(27)).divide(a.pow(3).multiply(27));
        Rational delta = q.multiply(q).divide(Rational.of(4)).add(p.pow(3).divide(Rational.of(27)));
        return new Depressed(shift, p, q, delta);
    }

    /** The two cube roots u, v of Cardano's formula (Δ > 0). */
    static CubeRoot[] cubeRoots(Depressed dep) {
        Rational h = dep.q().negate().divide(Rational.TWO);
        QuadraticSurd plus = QuadraticSurd.of(h, Rational.ONE, dep.delta());
        QuadraticSurd minus = QuadraticSurd.of(h, Rational.MINUS_ONE, dep.delta());
        return new CubeRoot[] {CubeRoot.of(plus), CubeRoot.of(minus)};
    }

    /** {@code s + u + v} written out. */
    static String realRoot(Rational shift, CubeRoot u, CubeRoot v) {
        StringBuilder sb = new StringBuilder();
        if (!shift.isZero()) {
            sb.append(shift);
        }
        for (CubeRoot r : new CubeRoot[] {u, v}) {
            if (r.isZero()) {
                continue;
            }
            appendSigned(sb, r.text());
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    /** The real part of the complex pair: {@code s - (u + v)/2}. */
    static String complexRealPart(Rational shift, CubeRoot u, CubeRoot v) {
        StringBuilder sb = new StringBuilder();
        if (!shift.isZero()) {
            sb.append(shift);
        }
        if (u.isZero() || v.isZero()) {
            CubeRoot only = u.isZero() ? v : u;
            String half = new CubeRoot(only.coefficient().negate(), only.radical(), -only.value()).half().text();
            appendSigned(sb, half);
        } else {
            sb.append(sb.length() == 0 ? "-" : " - ").append("(").append(u.text()).append(" + ").append(v.text())
                    .append(")/2");
        }
        return sb.toString();
    }

    /** The imaginary part's magnitude: {@code (√3/2)·(u - v)}. */
    static String complexImaginaryPart(CubeRoot u, CubeRoot v) {
        if (v.isZero()) {
            return "(√3/2)·" + u.text();
        }
        if (u.isZero()) {
            return "(√3/2)·" + new CubeRoot(v.coefficient().negate(), v.radical(), -v.value()).text();
        }
        return "(√3/2)·(" + u.text() + " - " + v.text() + ")";
    }

    private static void appendSigned(StringBuilder sb, String term) {
        if (sb.length() == 0) {
            sb.append(term);
        } else if (term.startsWith("-")) {
            sb.append(" - ").append(term, 1, term.length());
        } else {
            sb.append(" + ").append(term);
        }
    }
}
