package dev.stepsolver.solver.algebra;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Operations on polynomials with integer coefficients, given as {@code BigInteger[]} in
 * ascending order of power with a non-zero last entry.
 */
public final class IntPoly {

    private IntPoly() {
    }

    public static int degree(BigInteger[] a) {
        return a.length - 1;
    }

    /** Drops zero leading coefficients. */
    public static BigInteger[] trim(BigInteger[] a) {
        int n = a.length;
        while (n > 0 && a[n - 1].signum() == 0) {
            n--;
        }
        return n == a.length ? a : Arrays.copyOf(a, n);
    }

    /** Divided by the gcd of its coefficients, with a positive leading coefficient. */
    public static BigInteger[] primitive(BigInteger[] a) {
        a = trim(a);
        if (a.length == 0) {
            return a;
        }
        BigInteger g = BigInteger.ZERO;
        for (BigInteger x : a) {
            g = g.gcd(x);
            if (g.equals(BigInteger.ONE)) {
                break;
            }
        }
        if (a[a.length - 1].signum() < 0) {
            g = g.negate();
        }
        if (g.equals(BigInteger.ONE)) {
            return a;
        }
        BigInteger[] r = new BigInteger[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i].divide(g);
        }
        return r;
    }

    public static BigInteger[] derivative(BigInteger[] a) {
        if (a.length <= 1) {
            return new BigInteger[0];
        }
        BigInteger[] r = new BigInteger[a.length - 1];
        for (int i = 1; i < a.length; i++) {
            r[i - 1] = a[i].multiply(BigInteger.valueOf(i));
        }
        return trim(r);
    }

    /**
     * {@code Σ a_i p^i q^(n-i)}: the value at {@code p/q} times {@code q^n}, whose sign is the
     * sign of the value when {@code q > 0}.
     */
    public static BigInteger homogeneousValue(BigInteger[] a, BigInteger p, BigInteger q) {
        int n = a.length - 1;
        BigInteger acc = a[n];
        BigInteger qPower = BigInteger.ONE;
        for (int i = n - 1; i >= 0; i--) {
            qPower = qPower.multiply(q);
            acc = acc.multiply(p).add(a[i].multiply(qPower));
        }
        return acc;
    }

    /** Sign of the polynomial at {@code m / 2^k}. */
    public static int signAtDyadic(BigInteger[] a, BigInteger m, int k) {
        int n = a.length - 1;
        BigInteger acc = a[n];
        for (int i = n - 1; i >= 0; i--) {
            acc = acc.multiply(m).add(a[i].shiftLeft(k * (n - i)));
        }
        return acc.signum();
    }

    /** Exact quotient by {@code q·x - p} (the caller knows p/q is a root). */
    public static BigInteger[] divideByRoot(BigInteger[] a, BigInteger p, BigInteger q) {
        int n = a.length - 1;
        BigInteger[] quotient = new BigInteger[n];
        // Synthetic division from the top: a(x) = (q x - p) b(x).
        BigInteger carry = BigInteger.ZERO;
        for (int i = n; i >= 1; i--) {
            BigInteger coefficient = a[i].add(carry);
            BigInteger[] qr = coefficient.divideAndRemainder(q);
            if (qr[1].signum() != 0) {
                throw new ArithmeticException("not a factor");
            }
            quotient[i - 1] = qr[0];
            carry = qr[0].multiply(p);
        }
        if (a[0].add(carry).signum() != 0) {
            throw new ArithmeticException("not a root");
        }
        return quotient;
    }

    /** Exact polynomial division; throws when the remainder is not zero. */
    public static BigInteger[] divideExact(BigInteger[] a, BigInteger[] b) {
        Polynomial[] qr = Polynomial.ofIntegers(a).divideAndRemainder(Polynomial.ofIntegers(b));
        if (!qr[1].isZero() || !qr[0].hasIntegerCoefficients()) {
            throw new ArithmeticException("not an exact divisor");
        }
        BigInteger[] r = new BigInteger[qr[0].degree() + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = qr[0].coefficient(i).numerator();
        }
        return r;
    }

    /** The largest bit length of a coefficient. */
    public static int maxBits(BigInteger[] a) {
        int m = 0;
        for (BigInteger x : a) {
            m = Math.max(m, x.bitLength());
        }
        return m;
    }

    public static double[] toDoubles(BigInteger[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].doubleValue();
        }
        return r;
    }

    /** Plain text with the given variable, highest power first. */
    public static String format(BigInteger[] a, char variable) {
        return Polynomial.ofIntegers(a).format(variable);
    }
}
