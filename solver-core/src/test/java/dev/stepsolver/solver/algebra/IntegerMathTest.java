package dev.stepsolver.solver.algebra;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IntegerMathTest {

    @Test
    void factorsASemiprimeOfTwoLargePrimes() {
        long p = 999_983L;
        long q = 1_000_003L;
        assertThat(IntegerMath.factor(p * q)).containsExactly(p, q);
    }

    @Test
    void listsDivisorsInOrder() {
        assertThat(IntegerMath.divisors(12)).containsExactly(1, 2, 3, 4, 6, 12);
        assertThat(IntegerMath.divisorCount(720_720)).isEqualTo(240);
    }

    @Property(tries = 500)
    void theFactorsMultiplyBackAndArePrime(@ForAll @LongRange(min = 1, max = 1_000_000_000_000_000L) long n) {
        long product = 1;
        for (long f : IntegerMath.factor(n)) {
            assertThat(BigInteger.valueOf(f).isProbablePrime(30)).isTrue();
            product *= f;
        }
        assertThat(product).isEqualTo(n);
    }

    @Test
    void pullsSquaresOutOfARadicand() {
        assertThat(IntegerMath.extractPower(BigInteger.valueOf(72), 2))
                .containsExactly(BigInteger.valueOf(6), BigInteger.valueOf(2));
        assertThat(IntegerMath.extractPower(BigInteger.valueOf(54), 3))
                .containsExactly(BigInteger.valueOf(3), BigInteger.valueOf(2));
    }

    @Test
    void pullsASquareOutOfARadicandTooLargeToFactor() {
        BigInteger large = BigInteger.TEN.pow(40).add(BigInteger.valueOf(7)); // odd cofactor
        BigInteger n = large.multiply(large).multiply(BigInteger.valueOf(12));
        assertThat(IntegerMath.extractPower(n, 2)).containsExactly(large.shiftLeft(1), BigInteger.valueOf(3));
    }

    @Test
    void recognisesPerfectSquaresAndCubes() {
        assertThat(IntegerMath.exactSqrt(BigInteger.valueOf(144))).isEqualTo(BigInteger.valueOf(12));
        assertThat(IntegerMath.exactSqrt(BigInteger.valueOf(145)).signum()).isNegative();
        assertThat(IntegerMath.exactCbrt(BigInteger.valueOf(-27))).isEqualTo(BigInteger.valueOf(-3));
        assertThat(IntegerMath.exactCbrt(BigInteger.valueOf(26))).isNull();
    }
}
