package dev.stepsolver.solver.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Python's Decimal printing rules, which the classic style reproduces. */
class ClassicNumberTest {

    private static ClassicNumber d(String s) {
        return ClassicNumber.of(new BigDecimal(s));
    }

    @Test
    void sumsKeepTheLongestDecimalPart() {
        assertThat(d("0.25").subtract(d("0.75")).text()).isEqualTo("-0.50");
        assertThat(d("-0.25").add(d("0.25")).text()).isEqualTo("0.00");
    }

    @Test
    void exactQuotientsUseTheIdealExponent() {
        assertThat(d("21").divide(d("7")).text()).isEqualTo("3");
        assertThat(d("1").divide(d("4")).text()).isEqualTo("0.25");
        assertThat(d("100").divide(d("0.25")).text()).isEqualTo("4E+2");
        assertThat(d("0").divide(d("0.5")).text()).isEqualTo("0E+1");
    }

    @Test
    void nonTerminatingQuotientsStayExactFractions() {
        assertThat(d("1").divide(d("3")).text()).isEqualTo("1/3");
        assertThat(d("1").divide(d("3")).multiply(d("3")).text()).isEqualTo("1");
    }

    @Test
    void productsAddTheDecimalPlaces() {
        assertThat(d("2.5").multiply(d("2")).text()).isEqualTo("5.0");
    }

    @Test
    void aRootPlusANumberPrintsTheRootFirst() {
        ClassicNumber root = ClassicNumber.root(1, d("1.25"));
        assertThat(root.subtract(d("0.5")).text()).isEqualTo("√1.25 - 0.5");
        assertThat(root.negate().subtract(d("0.5")).text()).isEqualTo("- √1.25 - 0.5");
        assertThat(root.subtract(d("0.5")).signum()).isPositive();
    }

    @Test
    void pythonFloatReprUsesShortestDigits() {
        assertThat(PythonFloat.repr(2.0)).isEqualTo("2.0");
        assertThat(PythonFloat.repr(0.25)).isEqualTo("0.25");
        assertThat(PythonFloat.repr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFloat.repr(Math.sqrt(2))).isEqualTo("1.4142135623730951");
    }
}
