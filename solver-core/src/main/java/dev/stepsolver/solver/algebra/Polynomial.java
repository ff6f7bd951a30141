package dev.stepsolver.solver.algebra;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An immutable polynomial in one variable with exact {@link Rational} coefficients.
 * The zero polynomial has degree -1.
 */
public final class Polynomial {

    private static final Rational[] EMPTY = new Rational[0];

    public static final Polynomial ZERO = new Polynomial(EMPTY);
    public static final Polynomial ONE = new Polynomial(new Rational[] {Rational.ONE});
    public static final Polynomial X = new Polynomial(new Rational[] {Rational.ZERO, Rational.ONE});

    // c[i] is the coefficient of x^i; the last entry is non-zero (or the array is empty).
    private final Rational[] c;

    private Polynomial(Rational[] trimmed) {
        this.c = trimmed;
    }

    /** From coefficients in ascending order of power ({@code of(-1, 0, 1)} is x^2 - 1). */
    public static Polynomial of(Rational... ascending) {
        return new Polynomial(trim(ascending.clone()));
    }

    public static Polynomial ofLongs(long... ascending) {
        Rational[] r = new Rational[ascending.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Rational.of(ascending[i]);
        }
        return new Polynomial(trim(r));
    }

    /** From integer coefficients in ascending order. */
    public static Polynomial ofIntegers(BigInteger[] ascending) {
        Rational[] r = new Rational[ascending.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Rational.of(ascending[i]);
        }
        return new Polynomial(trim(r));
    }

    public static Polynomial constant(Rational value) {
        return value.isZero() ? ZERO : new Polynomial(new Rational[] {value});
    }

    /** {@code coefficient · x^power}. */
    public static Polynomial monomial(Rational coefficient, int power) {
        if (coefficient.isZero()) {
            return ZERO;
        }
        Rational[] r = new Rational[power + 1];
        Arrays.fill(r, Rational.ZERO);
        r[power] = coefficient;
        return new Polynomial(r);
    }

    private static Rational[] trim(Rational[] r) {
        int n = r.length;
        while (n > 0 && r[n - 1].isZero()) {
            n--;
        }
        if (n == 0) {
            return EMPTY;
        }
        return n == r.length ? r : Arrays.copyOf(r, n);
    }

    public int degree() {
        return c.length - 1;
    }

    public boolean isZero() {
        return c.length == 0;
    }

    /** The coefficient of x^power (zero beyond the degree). */
    public Rational coefficient(int power) {
        return power < c.length && power >= 0 ? c[power] : Rational.ZERO;
    }

    /** The coefficient of the highest power; zero for the zero polynomial. */
    public Rational leading() {
        return c.length == 0 ? Rational.ZERO : c[c.length - 1];
    }

    public Polynomial add(Polynomial o) {
        int n = Math.max(c.length, o.c.length);
        Rational[] r = new Rational[n];
        for (int i = 0; i < n; i++) {
            r[i] = coefficient(i).add(o.coefficient(i));
        }
        return new Polynomial(trim(r));
    }

    public Polynomial subtract(Polynomial o) {
        int n = Math.max(c.length, o.c.length);
        Rational[] r = new Rational[n];
        for (int i = 0; i < n; i++) {
            r[i] = coefficient(i).subtract(o.coefficient(i));
        }
        return new Polynomial(trim(r));
    }

    public Polynomial negate() {
        Rational[] r = new Rational[c.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = c[i].negate();
        }
        return new Polynomial(r);
    }

    public Polynomial scale(Rational k) {
        if (k.isZero()) {
            return ZERO;
        }
        if (k.isOne()) {
            return this;
        }
        Rational[] r = new Rational[c.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = c[i].multiply(k);
        }
        return new Polynomial(r);
    }

    public Polynomial multiply(Polynomial o) {
        if (isZero() || o.isZero()) {
            return ZERO;
        }
        Rational[] r = new Rational[c.length + o.c.length - 1];
        Arrays.fill(r, Rational.ZERO);
        for (int i = 0; i < c.length; i++) {
            if (c[i].isZero()) {
                continue;
            }
            for (int j = 0; j < o.c.length; j++) {
                r[i + j] = r[i + j].add(c[i].multiply(o.c[j]));
            }
        }
        return new Polynomial(trim(r));
    }

    /** {@code this / x^k}, dropping the terms below x^k (callers check they are zero). */
    public Polynomial shiftDown(int k) {
        if (k >= c.length) {
            return ZERO;
        }
        return new Polynomial(Arrays.copyOfRange(c, k, c.length));
    }

    /** Value at {@code x}, exactly (Horner). */
    public Rational evaluate(Rational x) {
        Rational acc = Rational.ZERO;
        for (int i = c.length - 1; i >= 0; i--) {
            acc = acc.multiply(x).add(c[i]);
        }
        return acc;
    }

    public Polynomial derivative() {
        if (c.length <= 1) {
            return ZERO;
        }
        Rational[] r = new Rational[c.length - 1];
        for (int i = 1; i < c.length; i++) {
            r[i - 1] = c[i].multiply(i);
        }
        return new Polynomial(trim(r));
    }

    /** Quotient and remainder of division by a non-zero polynomial. */
    public Polynomial[] divideAndRemainder(Polynomial divisor) {
        if (divisor.isZero()) {
            throw new ArithmeticException("division by the zero polynomial");
        }
        if (degree() < divisor.degree()) {
            return new Polynomial[] {ZERO, this};
        }
        Rational[] rem = c.clone();
        int dd = divisor.degree();
        Rational lead = divisor.leading();
        Rational[] q = new Rational[degree() - dd + 1];
        for (int k = q.length - 1; k >= 0; k--) {
            Rational f = rem[k + dd].divide(lead);
            q[k] = f;
            if (!f.isZero()) {
                for (int j = 0; j <= dd; j++) {
                    rem[k + j] = rem[k + j].subtract(f.multiply(divisor.c[j]));
                }
            }
        }
        return new Polynomial[] {new Polynomial(trim(q)), new Polynomial(trim(Arrays.copyOf(rem, dd)))};
    }

    /** Divided by its leading coefficient. */
    public Polynomial monic() {
        return isZero() ? this : scale(leading().reciprocal());
    }

    /** Monic greatest common divisor (zero only when both are zero). */
    public Polynomial gcd(Polynomial o) {
        Polynomial a = this;
        Polynomial b = o;
        while (!b.isZero()) {
            Polynomial r = a.divideAndRemainder(b)[1];
            // Keep the numbers small: remainders are only defined up to a constant factor.
            a = b;
            b = r.isZero() ? r : r.monic();
        }
        return a.monic();
    }

    /** The largest number of decimal digits in any coefficient's numerator or denominator. */
    public int maxDigits() {
        int m = 0;
        for (Rational r : c) {
            m = Math.max(m, r.digits());
        }
        return m;
    }

    /** True when some numerator or denominator has more than {@code limit} decimal digits. */
    public boolean exceedsDigits(int limit) {
        for (Rational r : c) {
            if (!r.fitsLong() && r.digits() > limit) {
                return true;
            }
        }
        return limit < 19 && maxDigits() > limit;
    }

    /**
     * Integer coefficients with no common factor and a positive leading coefficient: this
     * polynomial times {@link #integerScale()}.
     */
    public BigInteger[] toPrimitiveIntegers() {
        Rational k = integerScale();
        BigInteger[] r = new BigInteger[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = c[i].multiply(k).numerator();
        }
        return r;
    }

    /** The positive or negative factor that makes the coefficients coprime integers with a positive leading one. */
    public Rational integerScale() {
        if (isZero()) {
            return Rational.ONE;
        }
        Rational small = smallIntegerScale();
        if (small != null) {
            return small;
        }
        BigInteger lcm = BigInteger.ONE;
        BigInteger gcd = BigInteger.ZERO;
        for (Rational r : c) {
            BigInteger d = r.denominator();
            lcm = lcm.divide(lcm.gcd(d)).multiply(d);
            gcd = gcd.gcd(r.numerator());
        }
        // Numerators times lcm/den share the factor gcd(numerators) (denominators are coprime to them).
        Rational k = Rational.of(lcm, gcd);
        return leading().signum() < 0 ? k.negate() : k;
    }

    // The same with longs when every coefficient is small; null when something could overflow.
    private Rational smallIntegerScale() {
        long lcm = 1;
        long gcd = 0;
        for (Rational r : c) {
            if (!r.fitsLong() || r.longDenominator() > Integer.MAX_VALUE || Math.abs(r.longNumerator()) > Integer.MAX_VALUE) {
                return null;
            }
            long d = r.longDenominator();
            long t = lcm / Rational.gcd(lcm, d);
            if (t > Integer.MAX_VALUE / d) {
                return null;
            }
            lcm = t * d;
            gcd = Rational.gcd(gcd, Math.abs(r.longNumerator()));
        }
        Rational k = Rational.of(lcm, gcd);
        return leading().signum() < 0 ? k.negate() : k;
    }

    /** True when every coefficient is an integer. */
    public boolean hasIntegerCoefficients() {
        for (Rational r : c) {
            if (!r.isInteger()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Plain-text form with the given variable, highest power first:
     * {@code 2x^2 - 3x + 1}, {@code -x + 1/2}, {@code (3/4)x}; {@code 0} for zero.
     */
    public String format(char variable) {
        if (c.length == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = c.length - 1; i >= 0; i--) {
            Rational k = c[i];
            if (k.isZero()) {
                continue;
            }
            boolean first = sb.length() == 0;
            if (k.signum() < 0) {
                sb.append(first ? "-" : " - ");
            } else if (!first) {
                sb.append(" + ");
            }
            appendTerm(sb, k.abs(), i, variable);
        }
        return sb.toString();
    }

    /** Appends {@code |k|·x^power} in the format of {@link #format(char)}. */
    public static void appendTerm(StringBuilder sb, Rational magnitude, int power, char variable) {
        if (power == 0) {
            sb.append(magnitude);
            return;
        }
        if (!magnitude.isOne()) {
            if (magnitude.isInteger()) {
                sb.append(magnitude);
            } else {
                sb.append('(').append(magnitude).append(')');
            }
        }
        sb.append(variable);
        if (power > 1) {
            sb.append('^').append(power);
        }
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Polynomial p && Arrays.equals(c, p.c);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(c);
    }

    @Override
    public String toString() {
        return format('x');
    }
}
