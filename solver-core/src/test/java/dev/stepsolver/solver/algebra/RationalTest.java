package dev.stepsolver.solver.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RationalTest {

    @Test
    void isKeptInLowestTermsWithAPositiveDenominator() {
        assertThat(Rational.of(6, -4)).hasToString("-3/2");
        assertThat(Rational.of(0, -5)).isEqualTo(Rational.ZERO);
    }

    @Test
    void readsDecimalsExactly() {
        assertThat(Rational.ofDecimal("2.50")).isEqualTo(Rational.of(5, 2));
        assertThat(Rational.ofDecimal(".125")).isEqualTo(Rational.of(1, 8));
    }

    @Test
    void overflowingLongArithmeticMovesToBigIntegers() {
        Rational big = Rational.of(Long.MAX_VALUE - 1);
        Rational sum = big.add(big);
        assertThat(sum.numerator()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE - 1).shiftLeft(1));
        assertThat(sum.subtract(big)).isEqualTo(big);
    }

    @Test
    void equalValuesAreEqualWhicheverWayTheyWereMade() {
        Rational viaBig = Rational.of(BigInteger.valueOf(3).shiftLeft(70), BigInteger.ONE.shiftLeft(70));
        assertThat(viaBig).isEqualTo(Rational.of(3)).hasSameHashCodeAs(Rational.of(3));
    }

    @Test
    void divisionByZeroIsAnArithmeticError() {
        assertThatThrownBy(() -> Rational.ONE.divide(Rational.ZERO)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void knowsWhetherItsDecimalExpansionTerminates() {
        assertThat(Rational.of(3, 40).terminates()).isTrue();
        assertThat(Rational.of(1, 3).terminates()).isFalse();
        assertThat(Rational.of(3, 40).toBigDecimal()).isEqualByComparingTo(new BigDecimal("0.075"));
    }

    @Test
    void floorRoundsTowardsMinusInfinity() {
        assertThat(Rational.of(-7, 2).floor()).isEqualTo(BigInteger.valueOf(-4));
        assertThat(Rational.of(7, 2).floor()).isEqualTo(BigInteger.valueOf(3));
    }

    @Property(tries = 2000)
    void arithmeticAgreesWithBigIntegerFractions(@ForAll long a, @ForAll long b, @ForAll int c, @ForAll int d) {
        if (b == 0 || d == 0 || a == Long.MIN_VALUE || b == Long.MIN_VALUE) {
            return;
        }
        Rational x = Rational.of(a, b);
        Rational y = Rational.of(c, d);
        BigInteger n = BigInteger.valueOf(a).multiply(BigInteger.valueOf(d)).add(BigInteger.valueOf(c).multiply(BigInteger.valueOf(b)));
        assertThat(x.add(y)).isEqualTo(Rational.of(n, BigInteger.valueOf(b).multiply(BigInteger.valueOf(d))));
        assertThat(x.multiply(y).divide(y.isZero() ? Rational.ONE : y)).isEqualTo(y.isZero() ? Rational.ZERO : x);
        assertThat(x.compareTo(y)).isEqualTo(Integer.signum(x.subtract(y).signum()));
    }
}
