package dev.stepsolver.solver.algebra;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Integer helpers with bounded work: factoring numbers up to {@link #FACTOR_LIMIT}, listing
 * divisors, and pulling square or cube factors out of radicands.
 */
public final class IntegerMath {

    /** Numbers up to this magnitude are factored completely (trial division to 10^4, then Pollard rho). */
    public static final long FACTOR_LIMIT = 1_000_000_000_000_000L; // 10^15, inside the double mulmod range

    private static final int TRIAL_LIMIT = 10_000;
    private static final long[] SMALL_PRIMES = smallPrimes(TRIAL_LIMIT);

    private IntegerMath() {
    }

    private static long[] smallPrimes(int limit) {
        boolean[] composite = new boolean[limit + 1];
        List<Long> primes = new ArrayList<>();
        for (int i = 2; i <= limit; i++) {
            if (!composite[i]) {
                primes.add((long) i);
                for (long j = (long) i * i; j <= limit; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        long[] r = new long[primes.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = primes.get(i);
        }
        return r;
    }

    /**
     * Prime factors of {@code n} (1 ≤ n ≤ {@link #FACTOR_LIMIT}) with repetition, ascending.
     */
    public static long[] factor(long n) {
        if (n < 1 || n > FACTOR_LIMIT) {
            throw new IllegalArgumentException("out of the factoring range: " + n);
        }
        long[] out = new long[64];
        int k = 0;
        for (long p : SMALL_PRIMES) {
            if (p * p > n) {
                break;
            }
            while (n % p == 0) {
                out[k++] = p;
                n /= p;
            }
        }
        if (n > 1) {
            k = splitLarge(n, out, k);
        }
        long[] r = Arrays.copyOf(out, k);
        Arrays.sort(r);
        return r;
    }

    // n has no prime factor below TRIAL_LIMIT (or is itself prime).
    private static int splitLarge(long n, long[] out, int k) {
        if (n == 1) {
            return k;
        }
        if (n < (long) TRIAL_LIMIT * TRIAL_LIMIT || isPrime(n)) {
            out[k++] = n;
            return k;
        }
        long d = pollardRho(n);
        k = splitLarge(d, out, k);
        return splitLarge(n / d, out, k);
    }

    /** All positive divisors of {@code n} (1 ≤ n ≤ {@link #FACTOR_LIMIT}), ascending. */
    public static long[] divisors(long n) {
        if (n <= SMALL_DIVISOR_LIMIT) {
            return smallDivisors(n);
        }
        long[] primes = factor(n);
        List<Long> divs = new ArrayList<>();
        divs.add(1L);
        int i = 0;
        while (i < primes.length) {
            long p = primes[i];
            int e = 0;
            while (i < primes.length && primes[i] == p) {
                e++;
                i++;
            }
            int size = divs.size();
            long pk = 1;
            for (int j = 1; j <= e; j++) {
                pk *= p;
                for (int t = 0; t < size; t++) {
                    divs.add(divs.get(t) * pk);
                }
            }
        }
        long[] r = new long[divs.size()];
        for (int j = 0; j < r.length; j++) {
            r[j] = divs.get(j);
        }
        Arrays.sort(r);
        return r;
    }

    private static final long SMALL_DIVISOR_LIMIT = 1_000_000;

    // Trial division up to √n: at most a thousand steps, cheaper than factoring for small n.
    private static long[] smallDivisors(long n) {
        long[] low = new long[8];
        long[] high = new long[8];
        int k = 0;
        for (long d = 1; d * d <= n; d++) {
            if (n % d == 0) {
                if (k == low.length) {
                    low = Arrays.copyOf(low, k * 2);
                    high = Arrays.copyOf(high, k * 2);
                }
                low[k] = d;
                high[k] = n / d;
                k++;
            }
        }
        boolean square = k > 0 && low[k - 1] == high[k - 1];
        long[] r = new long[square ? 2 * k - 1 : 2 * k];
        System.arraycopy(low, 0, r, 0, k);
        for (int i = 0; i < r.length - k; i++) {
            r[k + i] = high[r.length - k - 1 - i];
        }
        return r;
    }

    /** Number of positive divisors, without listing them. */
    public static long divisorCount(long n) {
        if (n <= SMALL_DIVISOR_LIMIT) {
            long count = 0;
            for (long d = 1; d * d <= n; d++) {
                if (n % d == 0) {
                    count += d * d == n ? 1 : 2;
                }
            }
            return count;
        }
        long[] primes = factor(n);
        long count = 1;
        int i = 0;
        while (i < primes.length) {
            long p = primes[i];
            int e = 0;
            while (i < primes.length && primes[i] == p) {
                e++;
                i++;
            }
            count *= e + 1;
        }
        return count;
    }

    // a·b mod m for 0 ≤ a, b < m < 2^50: the double quotient estimate is off by at most one.
    private static long mulMod(long a, long b, long m) {
        long q = (long) ((double) a * (double) b / (double) m);
        long r = a * b - q * m;
        r %= m;
        return r < 0 ? r + m : r;
    }

    private static long powMod(long base, long exp, long m) {
        long result = 1 % m;
        long b = base % m;
        while (exp > 0) {
            if ((exp & 1) != 0) {
                result = mulMod(result, b, m);
            }
            b = mulMod(b, b, m);
            exp >>= 1;
        }
        return result;
    }

    /** Deterministic Miller–Rabin (bases up to 37 decide every n this class is asked about). */
    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long p : new long[] {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
            if (n % p == 0) {
                return n == p;
            }
        }
        long d = n - 1;
        int s = Long.numberOfTrailingZeros(d);
        d >>= s;
        for (long a : new long[] {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
            long x = powMod(a, d, n);
            if (x == 1 || x == n - 1) {
                continue;
            }
            boolean composite = true;
            for (int r = 1; r < s; r++) {
                x = mulMod(x, x, n);
                if (x == n - 1) {
                    composite = false;
                    break;
                }
            }
            if (composite) {
                return false;
            }
        }
        return true;
    }

    // A non-trivial factor of composite n (odd, no small factors). Brent's variant, bounded.
    private static long pollardRho(long n) {
        long root = isqrt(n);
        if (root * root == n) {
            return root;
        }
        for (long c = 1; c < 64; c++) {
            long y = 2;
            long x;
            long g = 1;
            long q = 1;
            long ys = y;
            int r = 1;
            int iterations = 0;
            do {
                x = y;
                for (int i = 0; i < r; i++) {
                    y = (mulMod(y, y, n) + c) % n;
                }
                int k = 0;
                do {
                    ys = y;
                    for (int i = 0; i < Math.min(128, r - k); i++) {
                        y = (mulMod(y, y, n) + c) % n;
                        q = mulMod(q, Math.abs(x - y), n);
                    }
                    g = Rational.gcd(q, n);
                    k += 128;
                    iterations += 128;
                } while (k < r && g == 1);
                r <<= 1;
            } while (g == 1 && iterations < 4_000_000);
            if (g == n) {
                do {
                    ys = (mulMod(ys, ys, n) + c) % n;
                    g = Rational.gcd(Math.abs(x - ys), n);
                } while (g == 1);
            }
            if (g != n && g != 1) {
                return g;
            }
        }
        throw new IllegalStateException("could not factor " + n);
    }

    /** Floor of the square root of a non-negative long. */
    public static long isqrt(long n) {
        long r = (long) Math.sqrt((double) n);
        while (r * r > n) {
            r--;
        }
        while ((r + 1) * (r + 1) <= n) {
            r++;
        }
        return r;
    }

    /** The integer square root when {@code n} is a perfect square, otherwise -1 (as BigInteger). */
    public static BigInteger exactSqrt(BigInteger n) {
        if (n.signum() < 0) {
            return BigInteger.ONE.negate();
        }
        BigInteger r = n.sqrt();
        return r.multiply(r).equals(n) ? r : BigInteger.ONE.negate();
    }

    /** The integer cube root (of either sign) when {@code n} is a perfect cube, otherwise null. */
    public static BigInteger exactCbrt(BigInteger n) {
        if (n.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger a = n.abs();
        BigInteger r = BigInteger.valueOf(Math.round(Math.cbrt(a.doubleValue())));
        if (a.bitLength() > 60) {
            r = nthRootFloor(a, 3);
        }
        for (BigInteger cand : new BigInteger[] {r.subtract(BigInteger.ONE), r, r.add(BigInteger.ONE)}) {
            if (cand.signum() >= 0 && cand.pow(3).equals(a)) {
                return n.signum() < 0 ? cand.negate() : cand;
            }
        }
        return null;
    }

    // Floor of the k-th root by Newton's method on BigIntegers.
    private static BigInteger nthRootFloor(BigInteger a, int k) {
        BigInteger x = BigInteger.ONE.shiftLeft(a.bitLength() / k + 1);
        BigInteger bk = BigInteger.valueOf(k);
        BigInteger km1 = BigInteger.valueOf(k - 1);
        while (true) {
            BigInteger y = km1.multiply(x).add(a.divide(x.pow(k - 1))).divide(bk);
            if (y.compareTo(x) >= 0) {
                return x;
            }
            x = y;
        }
    }

    /**
     * Writes {@code n > 0} as {@code s^k · t} with {@code t} free of k-th powers as far as can be
     * found cheaply: completely when n ≤ {@link #FACTOR_LIMIT}, otherwise primes below 10^4 and a
     * cofactor that is itself a perfect k-th power.
     *
     * @return {@code {s, t}}
     */
    public static BigInteger[] extractPower(BigInteger n, int k) {
        if (n.signum() <= 0) {
            throw new IllegalArgumentException("positive radicand expected");
        }
        if (n.bitLength() < 63 && n.longValue() <= FACTOR_LIMIT) {
            long[] primes = factor(n.longValue());
            long s = 1;
            long t = 1;
            int i = 0;
            while (i < primes.length) {
                long p = primes[i];
                int e = 0;
                while (i < primes.length && primes[i] == p) {
                    e++;
                    i++;
                }
                for (int j = 0; j < e / k; j++) {
                    s *= p;
                }
                for (int j = 0; j < e % k; j++) {
                    t *= p;
                }
            }
            return new BigInteger[] {BigInteger.valueOf(s), BigInteger.valueOf(t)};
        }
        BigInteger s = BigInteger.ONE;
        BigInteger t = BigInteger.ONE;
        BigInteger rest = n;
        for (long p : SMALL_PRIMES) {
            BigInteger bp = BigInteger.valueOf(p);
            int e = 0;
            while (true) {
                BigInteger[] qr = rest.divideAndRemainder(bp);
                if (qr[1].signum() != 0) {
                    break;
                }
                rest = qr[0];
                e++;
            }
            if (e > 0) {
                s = s.multiply(bp.pow(e / k));
                t = t.multiply(bp.pow(e % k));
            }
        }
        BigInteger root = k == 2 ? exactSqrt(rest) : exactCbrt(rest);
        if (root != null && root.signum() > 0) {
            s = s.multiply(root);
        } else {
            t = t.multiply(rest);
        }
        return new BigInteger[] {s, t};
    }
}
