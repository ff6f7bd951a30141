package dev.stepsolver.solver.algebra;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact number {@code a + b·√d} with rational {@code a}, {@code b} and a square-free
 * integer {@code d > 1} (or {@code b = 0}, a rational number).
 *
 * @param a rational part
 * @param b coefficient of the root
 * @param d radicand, greater than 1 unless {@code b} is zero
 */
public record QuadraticSurd(Rational a, Rational b, BigInteger d) {

    private static final MathContext PRECISION = new MathContext(34);

    public static QuadraticSurd rational(Rational a) {
        return new QuadraticSurd(a, Rational.ZERO, BigInteger.ONE);
    }

    /**
     * {@code p + q·√n} for any rational {@code n ≥ 0}, with the root simplified:
     * {@code √(8) = 2√2}, {@code √(1/2) = √2/2}.
     */
    public static QuadraticSurd of(Rational p, Rational q, Rational n) {
        if (n.signum() < 0) {
            throw new ArithmeticException("negative radicand");
        }
        if (q.isZero() || n.isZero()) {
            return rational(p);
        }
        // √(u/v) = √(u·v)/v
        BigInteger uv = n.numerator().multiply(n.denominator());
        BigInteger[] st = IntegerMath.extractPower(uv, 2);
        Rational coefficient = q.multiply(Rational.of(st[0], n.denominator()));
        if (st[1].equals(BigInteger.ONE)) {
            return rational(p.add(coefficient));
        }
        return new QuadraticSurd(p, coefficient, st[1]);
    }

    public boolean isRational() {
        return b.isZero();
    }

    public QuadraticSurd negate() {
        return new QuadraticSurd(a.negate(), b.negate(), d);
    }

    /** The conjugate {@code a - b√d}. */
    public QuadraticSurd conjugate() {
        return new QuadraticSurd(a, b.negate(), d);
    }

    public double doubleValue() {
        if (b.isZero()) {
            return a.doubleValue();
        }
        if (d.bitLength() < 52) {
            // In doubles unless the two parts nearly cancel, where the decimal path keeps the digits.
            double av = a.doubleValue();
            double bv = b.doubleValue() * Math.sqrt(d.doubleValue());
            double sum = av + bv;
            if (Math.abs(sum) > 1e-6 * Math.max(Math.abs(av), Math.abs(bv))) {
                return sum;
            }
        }
        BigDecimal root = new BigDecimal(d).sqrt(PRECISION);
        BigDecimal value = decimal(a).add(decimal(b).multiply(root, PRECISION), PRECISION);
        return value.doubleValue();
    }

    private static BigDecimal decimal(Rational r) {
        return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), PRECISION);
    }

    /** {@code √d}, {@code 2√3}, {@code √5/2}, {@code 3√5/2} for a positive coefficient. */
    public static String rootTerm(Rational magnitude, BigInteger d) {
        StringBuilder sb = new StringBuilder();
        BigInteger num = magnitude.numerator();
        if (!num.equals(BigInteger.ONE)) {
            sb.append(num);
        }
        sb.append('√').append(d);
        if (!magnitude.isInteger()) {
            sb.append('/').append(magnitude.denominator());
        }
        return sb.toString();
    }

    /** {@code "1 + √2"}, {@code "-1/2 - √5/2"}, {@code "-2√3"}, {@code "3/4"}. */
    @Override
    public String toString() {
        if (b.isZero()) {
            return a.toString();
        }
        String root = rootTerm(b.abs(), d);
        if (a.isZero()) {
            return b.signum() < 0 ? "-" + root : root;
        }
        return a + (b.signum() < 0 ? " - " : " + ") + root;
    }

    /** {@code "1 ± √2"} for the pair {@code a ± b√d}; {@code "±√2"} when {@code a} is zero. */
    public String plusMinus() {
        String root = rootTerm(b.abs(), d);
        return a.isZero() ? "±" + root : a + " ± " + root;
    }
}
