package dev.stepsolver.solver.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class IntPolyTest {

    private static BigInteger[] poly(long... ascending) {
        BigInteger[] r = new BigInteger[ascending.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = BigInteger.valueOf(ascending[i]);
        }
        return r;
    }

    private static BigInteger[] times(BigInteger[] a, BigInteger[] b) {
        return Polynomial.ofIntegers(a).multiply(Polynomial.ofIntegers(b)).toPrimitiveIntegers();
    }

    @Test
    void theGcdIsThePrimitiveCommonFactor() {
        BigInteger[] common = poly(-2, 0, 3); // 3x^2 - 2
        BigInteger[] a = times(common, poly(1, 1));
        BigInteger[] b = times(common, poly(-5, 0, 7));
        assertThat(IntPoly.gcd(a, b)).containsExactly(poly(-2, 0, 3));
    }

    @Test
    void coprimePolynomialsHaveAConstantGcd() {
        assertThat(IntPoly.gcd(poly(1, 1), poly(-1, 1))).containsExactly(BigInteger.ONE);
    }

    @Test
    void exactDivisionStaysInTheIntegers() {
        assertThat(IntPoly.divideExact(times(poly(-2, 0, 3), poly(1, 4)), poly(-2, 0, 3))).containsExactly(poly(1, 4));
        assertThatThrownBy(() -> IntPoly.divideExact(poly(1, 0, 1), poly(1, 1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aModularTestRecognisesSquareFreePolynomials() {
        assertThat(IntPoly.certainlySquareFree(poly(-1, -1, 0, 0, 0, 1))).isTrue(); // x^5 - x - 1
        BigInteger[] square = times(poly(-2, 0, 1), poly(-2, 0, 1));
        assertThat(IntPoly.certainlySquareFree(square)).isFalse();
    }

    @Test
    void dividesByAKnownRoot() {
        // (2x - 1)(x + 3) = 2x^2 + 5x - 3
        assertThat(IntPoly.divideByRoot(poly(-3, 5, 2), BigInteger.ONE, BigInteger.TWO)).containsExactly(poly(3, 1));
    }
}
