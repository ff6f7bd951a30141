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
        if (d.bitLength() < 53 && small(a) && small(b)) {
            // Double-double arithmetic (about 100 bits): the nearest double without BigDecimal,
            // unless the two parts cancel almost completely.
            double ah = a.doubleValue();
            double al = remainder(a, ah);
            double bh = b.doubleValue();
            double bl = remainder(b, bh);
            double dd = d.doubleValue();
            double root = Math.sqrt(dd);
            double rootLow = Math.fma(-root, root, dd) / (2 * root);
            double p = bh * root;
            double pLow = Math.fma(bh, root, -p) + bh * rootLow + bl * root;
            double sum = ah + p;
            double t = sum - ah;
            double sumLow = (ah - (sum - t)) + (p - t) + al + pLow;
            double value = sum + sumLow;
            if (Math.abs(value) > 0x1p-40 * Math.max(Math.abs(ah), Math.abs(p))) {
                return value;
            }
        }
        BigDecimal root = new BigDecimal(d).sqrt(PRECISION);
        BigDecimal value = decimal(a).add(decimal(b).multiply(root, PRECISION), PRECISION);
        return value.doubleValue();
    }

    private static boolean small(Rational r) {
        if (!r.fitsLong()) {
            return false;
        }
        long n = Math.abs(r.longNumerator());
        return n < (1L << 53) && r.longDenominator() < (1L << 53);
    }

    // r - hi for hi = the double nearest r (numerator and denominator below 2^53): exact with fma.
    private static double remainder(Rational r, double hi) {
        double n = r.longNumerator();
        double den = r.longDenominator();
        return Math.fma(-hi, den, n) / den;
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
