package dev.stepsolver.solver.algebra;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class QuadraticSurdTest {

    @Test
    void rootsAreSimplified() {
        assertThat(QuadraticSurd.of(Rational.ONE, Rational.ONE, Rational.of(8))).hasToString("1 + 2√2");
        assertThat(QuadraticSurd.of(Rational.ZERO, Rational.ONE, Rational.of(1, 2))).hasToString("√2/2");
        assertThat(QuadraticSurd.of(Rational.of(-1, 2), Rational.of(-1, 2), Rational.of(5))).hasToString("-1/2 - √5/2");
        assertThat(QuadraticSurd.of(Rational.of(3), Rational.ONE, Rational.of(9))).hasToString("6");
    }

    @Test
    void pairsArePrintedWithPlusMinus() {
        assertThat(QuadraticSurd.of(Rational.ONE, Rational.ONE, Rational.of(2)).plusMinus()).isEqualTo("1 ± √2");
        assertThat(QuadraticSurd.of(Rational.ZERO, Rational.of(3), Rational.of(2)).plusMinus()).isEqualTo("±3√2");
    }

    @Property(tries = 3000)
    void theValueIsTheNearestDouble(@ForAll @IntRange(min = -1000, max = 1000) int an, @ForAll @IntRange(min = 1, max = 97) int ad,
                                    @ForAll @IntRange(min = -1000, max = 1000) int bn, @ForAll @IntRange(min = 1, max = 97) int bd,
                                    @ForAll @LongRange(min = 2, max = 1_000_000_000L) long radicand) {
        QuadraticSurd s = QuadraticSurd.of(Rational.of(an, ad), Rational.of(bn, bd), Rational.of(radicand));
        MathContext mc = new MathContext(60);
        BigDecimal exact = new BigDecimal(an).divide(new BigDecimal(ad), mc)
                .add(new BigDecimal(bn).divide(new BigDecimal(bd), mc).multiply(new BigDecimal(BigInteger.valueOf(radicand)).sqrt(mc), mc), mc);
        assertThat(s.doubleValue()).isEqualTo(exact.doubleValue());
    }
}
