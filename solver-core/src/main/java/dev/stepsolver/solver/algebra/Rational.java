package dev.stepsolver.solver.algebra;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact rational number, always in lowest terms with a positive denominator.
 *
 * <p>Values whose numerator and denominator fit in a {@code long} are kept in longs, and
 * arithmetic on small operands (both parts within {@code int} range, so no product can
 * overflow) stays in longs; everything else goes through {@link BigInteger}. The result is the
 * same either way: this is a speed path, never an approximation.
 */
public final class Rational implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(0, 1);
    public static final Rational ONE = new Rational(1, 1);
    public static final Rational TWO = new Rational(2, 1);
    public static final Rational MINUS_ONE = new Rational(-1, 1);

    private static final long[] LONG_POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
        100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE + 1);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    // Exactly one representation is in use: big == false means num/den are valid.
    private final long num;
    private final long den;
    private final BigInteger bigNum;
    private final BigInteger bigDen;

    private Rational(long num, long den) {
        this.num = num;
        this.den = den;
        this.bigNum = null;
        this.bigDen = null;
    }

    private Rational(BigInteger num, BigInteger den) {
        this.num = 0;
        this.den = 0;
        this.bigNum = num;
        this.bigDen = den;
    }

    public static Rational of(long value) {
        if (value == 0) {
            return ZERO;
        }
        if (value == 1) {
            return ONE;
        }
        if (value == Long.MIN_VALUE) {
            return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
        }
        return new Rational(value, 1);
    }

    public static Rational of(long numerator, long denominator) {
        if (denominator == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (numerator == Long.MIN_VALUE || denominator == Long.MIN_VALUE) {
            return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
        }
        return reduced(numerator, denominator);
    }

    public static Rational of(BigInteger value) {
        return make(value, BigInteger.ONE);
    }

    public static Rational of(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = numerator.gcd(denominator);
        if (!g.equals(BigInteger.ONE)) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
        return make(numerator, denominator);
    }

    /** The exact value of a decimal literal such as {@code "2.50"} or {@code ".5"}. */
    public static Rational ofDecimal(String digits) {
        BigDecimal d = new BigDecimal(digits);
        return of(d);
    }

    /** The exact value of a {@link BigDecimal}. */
    public static Rational of(BigDecimal d) {
        int scale = d.scale();
        if (scale >= 0 && scale <= 18 && d.precision() <= 18) {
            long unscaled = d.unscaledValue().longValue();
            return of(unscaled, LONG_POWERS_OF_TEN[scale]);
        }
        if (scale <= 0) {
            return of(d.toBigIntegerExact());
        }
        return of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    // Reduced and sign-normalised; both arguments are > Long.MIN_VALUE.
    private static Rational reduced(long n, long d) {
        if (d < 0) {
            n = -n;
            d = -d;
        }
        long g = gcd(Math.abs(n), d);
        if (g != 1) {
            n /= g;
            d /= g;
        }
        if (d == 1) {
            if (n == 0) {
                return ZERO;
            }
            if (n == 1) {
                return ONE;
            }
        }
        return new Rational(n, d);
    }

    // Already reduced, den > 0.
    private static Rational make(BigInteger n, BigInteger d) {
        if (fitsInLong(n) && fitsInLong(d)) {
            long ln = n.longValue();
            long ld = d.longValue();
            if (ld == 1 && ln == 0) {
                return ZERO;
            }
            if (ld == 1 && ln == 1) {
                return ONE;
            }
            return new Rational(ln, ld);
        }
        return new Rational(n, d);
    }

    static long gcd(long a, long b) {
        // Binary GCD on non-negative longs.
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        int shift = Long.numberOfTrailingZeros(a | b);
        a >>= Long.numberOfTrailingZeros(a);
        do {
            b >>= Long.numberOfTrailingZeros(b);
            if (a > b) {
                long t = b;
                b = a;
                a = t;
            }
            b -= a;
        } while (b != 0);
        return a << shift;
    }

    private boolean small() {
        return bigNum == null && num >= Integer.MIN_VALUE && num <= Integer.MAX_VALUE && den <= Integer.MAX_VALUE;
    }

    public BigInteger numerator() {
        return bigNum != null ? bigNum : BigInteger.valueOf(num);
    }

    public BigInteger denominator() {
        return bigNum != null ? bigDen : BigInteger.valueOf(den);
    }

    /** True when numerator and denominator fit in longs ({@link #longNumerator()}). */
    public boolean fitsLong() {
        return bigNum == null;
    }

    /** The numerator; only meaningful when {@link #fitsLong()}. */
    public long longNumerator() {
        return num;
    }

    /** The denominator; only meaningful when {@link #fitsLong()}. */
    public long longDenominator() {
        return den;
    }

    public int signum() {
        return bigNum != null ? bigNum.signum() : Long.signum(num);
    }

    public boolean isZero() {
        return bigNum == null && num == 0;
    }

    public boolean isOne() {
        return bigNum == null && num == 1 && den == 1;
    }

    public boolean isInteger() {
        return bigNum != null ? bigDen.equals(BigInteger.ONE) : den == 1;
    }

    public Rational negate() {
        if (bigNum == null) {
            return num == 0 ? ZERO : new Rational(-num, den);
        }
        return make(bigNum.negate(), bigDen);
    }

    public Rational abs() {
        return signum() < 0 ? negate() : this;
    }

    public Rational add(Rational o) {
        if (small() && o.small()) {
            if (den == o.den) {
                return reduced(num + o.num, den);
            }
            return reduced(num * o.den + o.num * den, den * o.den);
        }
        if (isZero()) {
            return o;
        }
        if (o.isZero()) {
            return this;
        }
        return of(numerator().multiply(o.denominator()).add(o.numerator().multiply(denominator())),
                denominator().multiply(o.denominator()));
    }

    public Rational subtract(Rational o) {
        return add(o.negate());
    }

    public Rational multiply(Rational o) {
        if (small() && o.small()) {
            return reduced(num * o.num, den * o.den);
        }
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        return of(numerator().multiply(o.numerator()), denominator().multiply(o.denominator()));
    }

    public Rational multiply(long k) {
        return multiply(of(k));
    }

    public Rational divide(Rational o) {
        if (o.isZero()) {
            throw new ArithmeticException("division by zero");
        }
        if (small() && o.small()) {
            return reduced(num * o.den, den * o.num);
        }
        return of(numerator().multiply(o.denominator()), denominator().multiply(o.numerator()));
    }

    public Rational max(Rational o) {
        return compareTo(o) >= 0 ? this : o;
    }

    public Rational min(Rational o) {
        return compareTo(o) <= 0 ? this : o;
    }

    public Rational reciprocal() {
        return ONE.divide(this);
    }

    public Rational pow(int exponent) {
        if (exponent < 0) {
            return reciprocal().pow(-exponent);
        }
        Rational result = ONE;
        Rational base = this;
        int e = exponent;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = result.multiply(base);
            }
            e >>= 1;
            if (e > 0) {
                base = base.multiply(base);
            }
        }
        return result;
    }

    /** Largest integer not above this value. */
    public BigInteger floor() {
        BigInteger[] qr = numerator().divideAndRemainder(denominator());
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** Decimal digits of the larger of numerator and denominator (for size bounds). */
    public int digits() {
        if (bigNum == null) {
            long m = Math.max(Math.abs(num), den);
            return m < 10 ? 1 : (int) Math.floor(Math.log10(m)) + 1;
        }
        int bits = Math.max(bigNum.bitLength(), bigDen.bitLength());
        return (int) Math.ceil(bits * 0.30103);
    }

    public double doubleValue() {
        if (bigNum == null) {
            if (Math.abs(num) < (1L << 53) && den < (1L << 53)) {
                return (double) num / (double) den;
            }
        }
        // 40 digits, then one rounding to double: the nearest double except in vanishingly rare ties.
        return new BigDecimal(numerator()).divide(new BigDecimal(denominator()), new MathContext(40)).doubleValue();
    }

    /** True when the decimal expansion terminates (the denominator is 2^a·5^b). */
    public boolean terminates() {
        if (bigNum == null) {
            long d = den;
            d >>= Long.numberOfTrailingZeros(d);
            while (d % 5 == 0) {
                d /= 5;
            }
            return d == 1;
        }
        BigInteger d = bigDen.shiftRight(bigDen.getLowestSetBit());
        BigInteger five = BigInteger.valueOf(5);
        while (true) {
            BigInteger[] qr = d.divideAndRemainder(five);
            if (qr[1].signum() != 0) {
                break;
            }
            d = qr[0];
        }
        return d.equals(BigInteger.ONE);
    }

    /** The exact decimal value; only call when {@link #terminates()}. */
    public BigDecimal toBigDecimal() {
        if (isInteger()) {
            return new BigDecimal(numerator());
        }
        return new BigDecimal(numerator()).divide(new BigDecimal(denominator()));
    }

    @Override
    public int compareTo(Rational o) {
        if (small() && o.small()) {
            return Long.compare(num * o.den, o.num * den);
        }
        return numerator().multiply(o.denominator()).compareTo(o.numerator().multiply(denominator()));
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof Rational o)) {
            return false;
        }
        if (bigNum == null && o.bigNum == null) {
            return num == o.num && den == o.den;
        }
        if (bigNum == null || o.bigNum == null) {
            return false; // representations are canonical: small values are never big
        }
        return bigNum.equals(o.bigNum) && bigDen.equals(o.bigDen);
    }

    @Override
    public int hashCode() {
        if (bigNum == null) {
            return Long.hashCode(num) * 31 + Long.hashCode(den);
        }
        return bigNum.hashCode() * 31 + bigDen.hashCode();
    }

    /** {@code "3"}, {@code "-1/2"}. */
    @Override
    public String toString() {
        if (bigNum == null) {
            return den == 1 ? Long.toString(num) : num + "/" + den;
        }
        return bigDen.equals(BigInteger.ONE) ? bigNum.toString() : bigNum + "/" + bigDen;
    }

    static boolean fitsInLong(BigInteger v) {
        return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
    }
}
