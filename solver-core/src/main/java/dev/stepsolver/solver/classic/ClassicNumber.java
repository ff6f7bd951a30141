package dev.stepsolver.solver.classic;

import dev.stepsolver.solver.algebra.Rational;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A number as the original service printed it. The service computed with Python's
 * {@code Decimal}, whose exponents decide how a result prints ({@code 0.25 - 0.75} is
 * {@code -0.50}); {@link BigDecimal} follows the same rules for addition, subtraction,
 * multiplication and exact division, so terminating values are kept as {@code BigDecimal} and
 * print exactly as the original did. Values the original could only round (a third, a square
 * root of two) are kept exact instead: as a fraction, or as {@code r ± √k}.
 */
final class ClassicNumber {

    static final ClassicNumber ZERO = new ClassicNumber(BigDecimal.ZERO, null, 0, null);
    static final ClassicNumber ONE = new ClassicNumber(BigDecimal.ONE, null, 0, null);
    static final ClassicNumber MINUS_ONE = new ClassicNumber(BigDecimal.ONE.negate(), null, 0, null);
    private static final BigDecimal MINUS_ONE_DECIMAL = BigDecimal.ONE.negate();
    private static final ClassicNumber TWO = new ClassicNumber(BigDecimal.TWO, null, 0, null);

    // Rational part: exactly one of dec (terminating) and frac (non-terminating) is set.
    private final BigDecimal dec;
    private final Rational frac;
    // Optional root part: value = rational part + rootSign · √radicand (rootSign 0: none).
    private final int rootSign;
    private final ClassicNumber radicand;
    private String text; // printed form, computed once

    private ClassicNumber(BigDecimal dec, Rational frac, int rootSign, ClassicNumber radicand) {
        this.dec = dec;
        this.frac = frac;
        this.rootSign = rootSign;
        this.radicand = radicand;
    }

    // Small integers are the common case (typed coefficients, factor pairs, candidates): shared.
    private static final ClassicNumber[] SMALL = new ClassicNumber[257];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new ClassicNumber(BigDecimal.valueOf(i - 128), null, 0, null);
        }
    }

    static ClassicNumber of(long value) {
        if (value >= -128 && value <= 128) {
            return SMALL[(int) value + 128];
        }
        return new ClassicNumber(BigDecimal.valueOf(value), null, 0, null);
    }

    static ClassicNumber of(BigInteger value) {
        return value.bitLength() < 63 ? of(value.longValue()) : new ClassicNumber(new BigDecimal(value), null, 0, null);
    }

    static ClassicNumber of(BigDecimal value) {
        return new ClassicNumber(value, null, 0, null);
    }

    /** An exact rational: a decimal (shortest form) when it terminates, a fraction otherwise. */
    static ClassicNumber exact(Rational r) {
        if (r.terminates()) {
            BigDecimal d = r.toBigDecimal().stripTrailingZeros();
            if (d.scale() < 0) {
                d = d.setScale(0);
            }
            return new ClassicNumber(d, null, 0, null);
        }
        return new ClassicNumber(null, r, 0, null);
    }

    /** {@code sign · √k} for a positive rational {@code k} that is not a perfect square. */
    static ClassicNumber root(int sign, ClassicNumber k) {
        return new ClassicNumber(BigDecimal.ZERO, null, sign, k);
    }

    boolean hasRoot() {
        return rootSign != 0;
    }

    boolean isDecimal() {
        return rootSign == 0 && dec != null;
    }

    BigDecimal decimal() {
        return dec;
    }

    /** The exact value; only for numbers without a root part. */
    Rational rational() {
        if (rootSign != 0) {
            throw new IllegalStateException("irrational value");
        }
        return dec != null ? Rational.of(dec) : frac;
    }

    private Rational rationalPart() {
        return dec != null ? Rational.of(dec) : frac;
    }

    ClassicNumber add(ClassicNumber o) {
        if (rootSign == 0 && o.rootSign == 0) {
            if (dec != null && o.dec != null) {
                return new ClassicNumber(dec.add(o.dec), null, 0, null);
            }
            return exact(rational().add(o.rational()));
        }
        if (rootSign != 0 && o.rootSign != 0) {
            throw new IllegalStateException("sum of two roots");
        }
        ClassicNumber withRoot = rootSign != 0 ? this : o;
        ClassicNumber plain = rootSign != 0 ? o : this;
        ClassicNumber rational = withRoot.dec != null && plain.dec != null
                ? new ClassicNumber(withRoot.dec.add(plain.dec), null, 0, null)
                : exact(withRoot.rationalPart().add(plain.rational()));
        return new ClassicNumber(rational.dec, rational.frac, withRoot.rootSign, withRoot.radicand);
    }

    ClassicNumber negate() {
        if (rootSign != 0) {
            ClassicNumber r = dec != null ? of(dec.negate()) : exact(frac.negate());
            return new ClassicNumber(r.dec, r.frac, -rootSign, radicand);
        }
        return dec != null ? new ClassicNumber(dec.negate(), null, 0, null) : new ClassicNumber(null, frac.negate(), 0, null);
    }

    ClassicNumber subtract(ClassicNumber o) {
        if (rootSign == 0 && o.rootSign == 0 && dec != null && o.dec != null) {
            return new ClassicNumber(dec.subtract(o.dec), null, 0, null);
        }
        return add(o.negate());
    }

    ClassicNumber multiply(ClassicNumber o) {
        if (dec != null && o.dec != null && rootSign == 0 && o.rootSign == 0) {
            return new ClassicNumber(dec.multiply(o.dec), null, 0, null);
        }
        if (o.isMinusOne()) {
            return negate();
        }
        return exact(rational().multiply(o.rational()));
    }

    ClassicNumber divide(ClassicNumber o) {
        if (dec != null && o.dec != null && rootSign == 0 && o.rootSign == 0) {
            if (o.dec.signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            // Exact decimal quotient exactly when the reduced quotient terminates; BigDecimal then
            // picks the scale Python's Decimal picks (as close to the ideal exponent as possible).
            if (dec.signum() == 0 || terminatingQuotient(dec, o.dec)) {
                return new ClassicNumber(dec.divide(o.dec), null, 0, null);
            }
        }
        if (rootSign != 0 && o.isOne()) {
            return this;
        }
        return exact(rational().divide(o.rational()));
    }

    // Whether a/b has a finite decimal expansion: the reduced quotient of the unscaled values has a
    // denominator made of 2s and 5s. Integers (the usual case) are checked without allocating.
    private static boolean terminatingQuotient(BigDecimal a, BigDecimal b) {
        if (a.scale() == 0 && b.scale() == 0 && a.precision() <= 18 && b.precision() <= 18) {
            long x = Math.abs(a.longValue());
            long y = Math.abs(b.longValue());
            long g = y;
            for (long t = x; t != 0; ) {
                long r = g % t;
                g = t;
                t = r;
            }
            long d = y / g;
            d >>= Long.numberOfTrailingZeros(d);
            while (d % 5 == 0) {
                d /= 5;
            }
            return d == 1;
        }
        return Rational.of(a.unscaledValue(), b.unscaledValue()).terminates();
    }

    int signum() {
        if (rootSign == 0) {
            return dec != null ? dec.signum() : frac.signum();
        }
        // sign of r + s·√k: compare r² with k when the signs differ.
        Rational r = rationalPart();
        if (r.signum() == 0 || r.signum() == rootSign) {
            return rootSign;
        }
        int cmp = r.multiply(r).compareTo(radicand.rational());
        return cmp > 0 ? r.signum() : cmp < 0 ? rootSign : 0;
    }

    boolean isZero() {
        return signum() == 0;
    }

    boolean isOne() {
        return rootSign == 0 && (dec != null ? dec.compareTo(BigDecimal.ONE) == 0 : frac.isOne());
    }

    boolean isMinusOne() {
        return rootSign == 0 && dec != null && dec.compareTo(MINUS_ONE_DECIMAL) == 0;
    }

    boolean isFraction() {
        return rootSign == 0 && dec == null;
    }

    static ClassicNumber two() {
        return TWO;
    }

    /** Value equality, ignoring how a decimal is written ({@code 2.0} equals {@code 2}). */
    boolean valueEquals(ClassicNumber o) {
        if (rootSign != 0 || o.rootSign != 0) {
            return rootSign == o.rootSign && rationalPart().equals(o.rationalPart())
                    && (rootSign == 0 || radicand.valueEquals(o.radicand));
        }
        if (dec != null && o.dec != null) {
            return dec.compareTo(o.dec) == 0;
        }
        return rational().equals(o.rational());
    }

    /**
     * As the original printed a number: Python's {@code str(Decimal)} (which {@link BigDecimal}
     * shares: {@code 0.50}, {@code -54}, {@code 4E+2}), a fraction {@code 1/3}, or a root
     * {@code √1.25 - 0.5}, {@code - √3}.
     */
    String text() {
        String t = text;
        if (t == null) {
            t = print();
            text = t;
        }
        return t;
    }

    /** The text of {@code -this} for a negative number without a root part: the text minus its sign. */
    String magnitudeText() {
        return rootSign == 0 ? text().substring(1) : negate().text();
    }

    private String print() {
        if (rootSign == 0) {
            return dec != null ? dec.toString() : frac.toString();
        }
        StringBuilder sb = new StringBuilder();
        if (rootSign < 0) {
            sb.append("- ");
        }
        sb.append('√');
        if (radicand.isFraction()) {
            sb.append('(').append(radicand.text()).append(')');
        } else {
            sb.append(radicand.text());
        }
        Rational r = rationalPart();
        if (r.signum() > 0) {
            sb.append(" + ").append(dec != null ? dec.toString() : frac.toString());
        } else if (r.signum() < 0) {
            sb.append(" - ").append(dec != null ? dec.negate().toString() : frac.negate().toString());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
