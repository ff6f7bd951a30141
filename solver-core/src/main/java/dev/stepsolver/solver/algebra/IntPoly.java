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

    /**
     * Exact quotient {@code a / b} for an integer polynomial {@code b} that divides {@code a} with an
     * integer quotient (true when {@code b} is primitive, by Gauss's lemma); throws otherwise.
     */
    public static BigInteger[] divideExact(BigInteger[] a, BigInteger[] b) {
        int db = b.length - 1;
        if (a.length - 1 < db) {
            if (a.length == 0) {
                return a;
            }
            throw new ArithmeticException("not an exact divisor");
        }
        BigInteger[] rem = a.clone();
        BigInteger lead = b[db];
        BigInteger[] q = new BigInteger[a.length - db];
        for (int k = q.length - 1; k >= 0; k--) {
            BigInteger[] qr = rem[k + db].divideAndRemainder(lead);
            if (qr[1].signum() != 0) {
                throw new ArithmeticException("not an exact divisor");
            }
            q[k] = qr[0];
            if (qr[0].signum() != 0) {
                for (int j = 0; j <= db; j++) {
                    rem[k + j] = rem[k + j].subtract(qr[0].multiply(b[j]));
                }
            }
        }
        for (int i = 0; i < db; i++) {
            if (rem[i].signum() != 0) {
                throw new ArithmeticException("not an exact divisor");
            }
        }
        return trim(q);
    }

    /**
     * Remainder of {@code |lc(b)|^(deg a - deg b + 1) · a} divided by {@code b}: an integer
     * remainder scaled by a positive number only.
     */
    public static BigInteger[] pseudoRemainder(BigInteger[] a, BigInteger[] b) {
        BigInteger[] r = a.clone();
        int db = b.length - 1;
        BigInteger lc = b[db];
        BigInteger absLc = lc.abs();
        int dr = r.length - 1;
        while (dr >= db) {
            if (r[dr].signum() == 0) {
                dr--;
                continue;
            }
            BigInteger lead = r[dr];
            for (int i = 0; i <= dr; i++) {
                r[i] = r[i].multiply(absLc);
            }
            BigInteger f = lc.signum() > 0 ? lead : lead.negate();
            for (int j = 0; j <= db; j++) {
                r[dr - db + j] = r[dr - db + j].subtract(f.multiply(b[j]));
            }
            dr--;
        }
        BigInteger[] out = new BigInteger[Math.max(0, db)];
        System.arraycopy(r, 0, out, 0, out.length);
        return trim(out);
    }

    private static final long[] PRIMES = {2_147_483_647L, 2_147_483_629L, 2_147_483_587L, 2_147_483_579L};

    /**
     * True when {@code a} certainly has no repeated factor: gcd(a, a') is constant modulo some
     * prime not dividing the leading coefficient (the degree of the gcd over the rationals is at
     * most its degree modulo such a prime). False means "probably not"; callers then compute the
     * gcd exactly. Costs a few thousand long operations instead of an integer remainder sequence.
     */
    public static boolean certainlySquareFree(BigInteger[] a) {
        int n = a.length - 1;
        if (n <= 1) {
            return true;
        }
        for (long p : PRIMES) {
            BigInteger bp = BigInteger.valueOf(p);
            if (a[n].mod(bp).signum() == 0) {
                continue;
            }
            long[] f = new long[n + 1];
            for (int i = 0; i <= n; i++) {
                f[i] = a[i].mod(bp).longValue();
            }
            long[] d = new long[n];
            for (int i = 1; i <= n; i++) {
                d[i - 1] = f[i] * (i % p) % p;
            }
            if (degreeOfGcdModP(f, d, p) == 0) {
                return true;
            }
        }
        return false;
    }

    // Euclid over GF(p) on coefficient arrays (ascending); returns the degree of the gcd.
    private static int degreeOfGcdModP(long[] a, long[] b, long p) {
        int da = topDegree(a, a.length - 1);
        int db = topDegree(b, b.length - 1);
        if (db < 0) {
            return da;
        }
        a = a.clone();
        b = b.clone();
        while (db >= 0) {
            long inv = modInverse(b[db], p);
            for (int k = da - db; k >= 0; k--) {
                long factor = a[k + db] * inv % p;
                if (factor != 0) {
                    for (int j = 0; j <= db; j++) {
                        a[k + j] = Math.floorMod(a[k + j] - factor * b[j] % p, p);
                    }
                }
            }
            int dr = topDegree(a, db - 1);
            long[] t = a;
            a = b;
            b = t;
            da = db;
            db = dr;
        }
        return da;
    }

    private static int topDegree(long[] a, int from) {
        int d = Math.min(from, a.length - 1);
        while (d >= 0 && a[d] == 0) {
            d--;
        }
        return d;
    }

    private static long modInverse(long x, long p) {
        long result = 1;
        long base = x % p;
        long e = p - 2;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = result * base % p;
            }
            base = base * base % p;
            e >>= 1;
        }
        return result;
    }

    /**
     * The primitive greatest common divisor (positive leading coefficient), by the primitive
     * remainder sequence: integer arithmetic with the content removed at every step, which keeps
     * coefficients far smaller than Euclid over the rationals.
     */
    public static BigInteger[] gcd(BigInteger[] a, BigInteger[] b) {
        a = primitive(a);
        b = primitive(b);
        if (a.length < b.length) {
            BigInteger[] t = a;
            a = b;
            b = t;
        }
        while (b.length > 0) {
            BigInteger[] r = primitive(pseudoRemainder(a, b));
            a = b;
            b = r;
        }
        return a.length == 0 ? a : primitive(a);
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
