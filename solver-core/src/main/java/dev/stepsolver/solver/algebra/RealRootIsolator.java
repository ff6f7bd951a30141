package dev.stepsolver.solver.algebra;

import dev.stepsolver.solver.SolverException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Real roots of a square-free integer polynomial, with exact arithmetic only: a Sturm sequence
 * counts the roots in an interval, bisection at dyadic points separates them, and each root is
 * then narrowed by sign changes. Every answer is certified: the polynomial changes sign across
 * the reported interval. The work is bounded; a polynomial whose roots cannot be separated
 * within the bound is refused with a {@link SolverException}.
 */
public final class RealRootIsolator {

    /** Bisection levels allowed while separating roots (each halves an interval). */
    private static final int MAX_SEPARATION_LEVELS = 600;
    /** Total Sturm evaluations allowed for one polynomial. */
    private static final int MAX_STURM_EVALUATIONS = 20_000;

    /**
     * An interval {@code (lo, hi) = (mLo / 2^k, mHi / 2^k)} holding exactly one root, or a
     * single exact root when {@code exact} is set.
     */
    public record Isolated(BigInteger mLo, BigInteger mHi, int k, Rational exact) {

        public Rational lo() {
            return exact != null ? exact : Rational.of(mLo, BigInteger.ONE.shiftLeft(k));
        }

        public Rational hi() {
            return exact != null ? exact : Rational.of(mHi, BigInteger.ONE.shiftLeft(k));
        }

        public Rational width() {
            return hi().subtract(lo());
        }

        double midpoint() {
            return lo().add(hi()).divide(Rational.TWO).doubleValue();
        }
    }

    private final BigInteger[] p;
    private final List<BigInteger[]> sturm;
    private int evaluations;

    private RealRootIsolator(BigInteger[] squareFree) {
        this.p = squareFree;
        this.sturm = sturmSequence(squareFree);
    }

    /**
     * Isolating intervals of all real roots of a square-free polynomial of degree ≥ 1, in
     * increasing order.
     */
    public static List<Isolated> isolate(BigInteger[] squareFree) throws SolverException {
        return new RealRootIsolator(squareFree).isolateAll();
    }

    /** Number of distinct real roots of a square-free polynomial. */
    public static int countRealRoots(BigInteger[] squareFree) {
        RealRootIsolator r = new RealRootIsolator(squareFree);
        return r.variationsAtInfinity(-1) - r.variationsAtInfinity(1);
    }

    // Sturm sequence with integer coefficients: each remainder is scaled by a positive number
    // only (|lc|^(δ+1) and the content), which keeps the signs Sturm's theorem needs.
    private static List<BigInteger[]> sturmSequence(BigInteger[] p) {
        List<BigInteger[]> seq = new ArrayList<>();
        seq.add(p);
        BigInteger[] d = IntPoly.primitive(IntPoly.derivative(p));
        if (d.length == 0) {
            return seq;
        }
        seq.add(d);
        BigInteger[] a = p;
        BigInteger[] b = d;
        while (b.length > 1) {
            BigInteger[] r = IntPoly.pseudoRemainder(a, b);
            if (r.length == 0) {
                break; // cannot happen for square-free input
            }
            BigInteger[] next = IntPoly.primitive(negate(r));
            // primitive() makes the leading coefficient positive; undo that sign flip if any.
            if (next[next.length - 1].signum() != -r[r.length - 1].signum()) {
                next = negate(next);
            }
            seq.add(next);
            a = b;
            b = next;
        }
        return seq;
    }

    private static BigInteger[] negate(BigInteger[] a) {
        BigInteger[] r = new BigInteger[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].negate();
        }
        return r;
    }

    private int variations(BigInteger m, int k) throws SolverException {
        if (++evaluations > MAX_STURM_EVALUATIONS) {
            throw new SolverException("Roots too close together to separate within the solver's bounds");
        }
        int count = 0;
        int last = 0;
        for (BigInteger[] s : sturm) {
            int sign = IntPoly.signAtDyadic(s, m, k);
            if (sign != 0) {
                if (last != 0 && sign != last) {
                    count++;
                }
                last = sign;
            }
        }
        return count;
    }

    private int variationsAtInfinity(int direction) {
        int count = 0;
        int last = 0;
        for (BigInteger[] s : sturm) {
            int sign = s[s.length - 1].signum();
            if (direction < 0 && (s.length - 1) % 2 == 1) {
                sign = -sign;
            }
            if (last != 0 && sign != last) {
                count++;
            }
            last = sign;
        }
        return count;
    }

    /** 2^e bounds every root's magnitude (Cauchy: 1 + max|a_i| / |a_n|). */
    static int rootBoundExponent(BigInteger[] p) {
        int maxBits = 0;
        for (int i = 0; i < p.length - 1; i++) {
            maxBits = Math.max(maxBits, p[i].bitLength());
        }
        return Math.max(1, maxBits - p[p.length - 1].bitLength() + 2);
    }

    private record Interval(BigInteger mLo, BigInteger mHi, int k, int vLo, int vHi, int level) {
        int count() {
            return vLo - vHi;
        }
    }

    private List<Isolated> isolateAll() throws SolverException {
        int e = rootBoundExponent(p);
        BigInteger bound = BigInteger.ONE.shiftLeft(e);
        List<Isolated> out = new ArrayList<>();
        Deque<Interval> work = new ArrayDeque<>();
        int vLo = variations(bound.negate(), 0);
        int vHi = variations(bound, 0);
        work.push(new Interval(bound.negate(), bound, 0, vLo, vHi, 0));
        while (!work.isEmpty()) {
            Interval iv = work.pop();
            if (iv.count() == 0) {
                continue;
            }
            if (iv.count() == 1) {
                out.add(new Isolated(iv.mLo, iv.mHi, iv.k, null));
                continue;
            }
            if (iv.level >= MAX_SEPARATION_LEVELS) {
                throw new SolverException("Roots too close together to separate within the solver's bounds");
            }
            // Split at the midpoint, or just beside it when the midpoint happens to be a root,
            // so that interval ends are never roots.
            int k = iv.k + 1;
            BigInteger lo = iv.mLo.shiftLeft(1);
            BigInteger hi = iv.mHi.shiftLeft(1);
            BigInteger split = lo.add(hi).shiftRight(1);
            if (IntPoly.signAtDyadic(p, split, k) == 0) {
                k += 8;
                lo = lo.shiftLeft(8);
                hi = hi.shiftLeft(8);
                BigInteger mid = split.shiftLeft(8);
                BigInteger step = hi.subtract(lo).shiftRight(8);
                split = mid;
                for (int t = 1; IntPoly.signAtDyadic(p, split, k) == 0; t++) {
                    split = mid.add(step.multiply(BigInteger.valueOf((t % 2 == 1) ? (t + 1) / 2 : -(t / 2))));
                }
            }
            int vMid = variations(split, k);
            work.push(new Interval(split, hi, k, vMid, iv.vHi, iv.level + 1));
            work.push(new Interval(lo, split, k, iv.vLo, vMid, iv.level + 1));
        }
        out.sort(Comparator.comparing(Isolated::lo));
        return out;
    }

    /**
     * Narrows an isolating interval of a root of {@code p} (sign change, no root at the ends)
     * until its width is at most {@code width}; may hit the root exactly.
     */
    public static Isolated refine(BigInteger[] p, Isolated iv, Rational width) {
        if (iv.exact != null) {
            return iv;
        }
        BigInteger mLo = iv.mLo;
        BigInteger mHi = iv.mHi;
        int k = iv.k;
        int signLo = IntPoly.signAtDyadic(p, mLo, k);
        while (Rational.of(mHi.subtract(mLo), BigInteger.ONE.shiftLeft(k)).compareTo(width) > 0) {
            mLo = mLo.shiftLeft(1);
            mHi = mHi.shiftLeft(1);
            k++;
            BigInteger mid = mLo.add(mHi).shiftRight(1);
            int s = IntPoly.signAtDyadic(p, mid, k);
            if (s == 0) {
                return new Isolated(mid, mid, k, Rational.of(mid, BigInteger.ONE.shiftLeft(k)));
            }
            if (s == signLo) {
                mLo = mid;
            } else {
                mHi = mid;
            }
        }
        return new Isolated(mLo, mHi, k, null);
    }

    /** The double nearest to the root in the interval (to within one unit in the last place). */
    public static double nearestDouble(BigInteger[] p, Isolated iv) {
        // First locate the root roughly, then narrow to a quarter of the spacing of doubles there.
        Isolated narrow = refine(p, iv, Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(20)));
        while (narrow.exact == null) {
            double smallest = Math.min(Math.abs(narrow.lo().doubleValue()), Math.abs(narrow.hi().doubleValue()));
            Rational target = Rational.of(new BigDecimal(Math.ulp(Math.max(smallest, 0x1p-60)) / 4));
            if (narrow.width().compareTo(target) <= 0) {
                break;
            }
            narrow = refine(p, narrow, target);
        }
        return narrow.exact != null ? narrow.exact.doubleValue() : narrow.midpoint();
    }

    /**
     * A numeric value of the root in the interval within the tolerance: absolute below 1,
     * relative above. Returns {value, errorBound}.
     */
    public static double[] approximate(BigInteger[] p, Isolated iv, double tolerance) {
        // Locate the root roughly first, so the relative part of the tolerance uses its magnitude.
        iv = refine(p, iv, Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(20)));
        double smallest = Math.min(Math.abs(iv.lo().doubleValue()), Math.abs(iv.hi().doubleValue()));
        Rational width = Rational.of(new BigDecimal(tolerance * Math.max(1.0, smallest)));
        Isolated narrow = refine(p, iv, width);
        if (narrow.exact != null) {
            return new double[] {narrow.exact.doubleValue(), 0.0};
        }
        double mid = narrow.midpoint();
        Rational exactMid = Rational.of(new BigDecimal(mid));
        Rational error = narrow.hi().subtract(exactMid).abs().max(exactMid.subtract(narrow.lo()).abs());
        return new double[] {mid, error.doubleValue()};
    }
}
