package dev.stepsolver.solver.algebra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.solver.SolverException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealRootIsolatorTest {

    private static BigInteger[] poly(long... ascending) {
        BigInteger[] r = new BigInteger[ascending.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = BigInteger.valueOf(ascending[i]);
        }
        return r;
    }

    @Test
    void countsRealRootsWithASturmSequence() {
        assertThat(RealRootIsolator.countRealRoots(poly(1, -3, 0, 1))).isEqualTo(3); // x^3 - 3x + 1
        assertThat(RealRootIsolator.countRealRoots(poly(1, 0, 1))).isZero(); // x^2 + 1
    }

    @Test
    void isolatesEachRootInItsOwnIntervalWithASignChange() throws SolverException {
        BigInteger[] p = poly(-1, -1, 0, 0, 0, 1); // x^5 - x - 1
        List<RealRootIsolator.Isolated> roots = RealRootIsolator.isolate(p);
        assertThat(roots).hasSize(1);
        Rational lo = roots.get(0).lo();
        Rational hi = roots.get(0).hi();
        assertThat(Polynomial.ofIntegers(p).evaluate(lo).signum() * Polynomial.ofIntegers(p).evaluate(hi).signum())
                .isNegative();
    }

    @Test
    void separatesVeryCloseRoots() throws SolverException {
        // (x - 1/1000)(x - 2/1000)(x + 1): two roots 1/1000 apart
        BigInteger[] p = poly(2, -2997, 997000, 1_000_000);
        assertThat(RealRootIsolator.isolate(p)).hasSize(3);
    }

    @Test
    void approximatesWithinTheToleranceAndReportsTheBound() throws SolverException {
        BigInteger[] p = poly(-2, 0, 1); // x^2 - 2
        RealRootIsolator.Isolated positive = RealRootIsolator.isolate(p).get(1);
        double[] approx = RealRootIsolator.approximate(p, positive, 1e-12);
        assertThat(Math.abs(approx[0] - Math.sqrt(2))).isLessThanOrEqualTo(approx[1]);
        assertThat(approx[1]).isLessThanOrEqualTo(2e-12);
    }

    @Test
    void findsTheNearestDouble() throws SolverException {
        BigInteger[] p = poly(-2, 0, 0, 1); // x^3 - 2
        assertThat(RealRootIsolator.nearestDouble(p, RealRootIsolator.isolate(p).get(0))).isEqualTo(Double.parseDouble("1.2599210498948731647672106072782283505702514647015"));
    }
}
