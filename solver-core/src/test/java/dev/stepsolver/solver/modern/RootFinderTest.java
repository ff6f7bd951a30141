package dev.stepsolver.solver.modern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.solver.Domain;
import dev.stepsolver.solver.Root;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.algebra.Polynomial;
import dev.stepsolver.solver.algebra.Rational;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RootFinderTest {

    @Test
    void theSimplestFractionBetweenTwoBoundsHasTheSmallestDenominator() {
        assertThat(RootFinder.simplestBetween(Rational.of(3, 10), Rational.of(4, 10))).isEqualTo(Rational.of(1, 3));
        assertThat(RootFinder.simplestBetween(Rational.of(-7, 5), Rational.of(-13, 10))).isEqualTo(Rational.of(-4, 3));
        assertThat(RootFinder.simplestBetween(Rational.of(-1, 5), Rational.of(1, 5))).isEqualTo(Rational.ZERO);
        assertThat(RootFinder.simplestBetween(Rational.of(5, 2), Rational.of(5, 2))).isEqualTo(Rational.of(5, 2));
    }

    @Test
    void rationalRootsWithHugeCoefficientsAreFoundNearTheRealRoots() throws SolverException {
        // (123456789012345 x - 987654321098765)(x^2 + 1)(x - 2): constants far beyond divisor listing
        BigInteger a = new BigInteger("123456789012345");
        BigInteger b = new BigInteger("987654321098765");
        Polynomial p = Polynomial.ofIntegers(new BigInteger[] {b.negate(), a})
                .multiply(Polynomial.ofLongs(1, 0, 1)).multiply(Polynomial.ofLongs(-2, 1));
        assertThat(RootFinder.find(p, Domain.REAL).roots()).extracting(Root::exact)
                .containsExactly("2", Rational.of(b, a).toString());
    }

    @Test
    void yunsAlgorithmSplitsRepeatedFactors() {
        // (x^2 - 2)^2 (x^2 + 3)
        Polynomial f = Polynomial.ofLongs(-2, 0, 1);
        Polynomial p = f.multiply(f).multiply(Polynomial.ofLongs(3, 0, 1));
        assertThat(RootFinder.squareFree(p.toPrimitiveIntegers()))
                .extracting(x -> Polynomial.ofIntegers(x.poly()).toString(), RootFinder.Factor::multiplicity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x^2 + 3", 1),
                        org.assertj.core.groups.Tuple.tuple("x^2 - 2", 2));
    }

    @Test
    void plusMinusPairsSplitAtTheLastTopLevelSign() {
        assertThat(ModernSolver.plusMinus("1 - √2", "1 + √2")).hasValue("1 ± √2");
        assertThat(ModernSolver.plusMinus("-√2", "√2")).hasValue("±√2");
        assertThat(ModernSolver.plusMinus("1 - √2", "2 + √2")).isEmpty();
        assertThat(ModernSolver.plusMinus("a - (b - c)i", "a + (b - c)i")).hasValue("a ± (b - c)i");
    }
}
