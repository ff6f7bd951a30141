package dev.stepsolver.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hostile input is refused with a SolverException that names the bound, in both styles. */
class LimitsTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> solving(String equation, Style style) {
        return assertThatThrownBy(() -> Solver.solve(equation, Options.classic().withStyle(style)))
                .isInstanceOf(SolverException.class);
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aHugeExponentIsRefusedWithoutComputingThePower(Style style) {
        solving("x^99999999 = 1", style).hasMessageContaining("Exponent too large: at most " + Limits.MAX_EXPONENT)
                .satisfies(e -> assertThat(((SolverException) e).position()).isPresent());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aHundredThousandNestedParenthesesAreRefused(Style style) {
        String nested = "(".repeat(100_000) + "x" + ")".repeat(100_000);
        solving(nested, style).hasMessageContaining("Input too long");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void deepNestingWithinTheLengthLimitIsRefusedWithoutRecursing(Style style) {
        String nested = "(".repeat(4_000) + "x" + ")".repeat(4_000) + " = 1";
        solving(nested, style).hasMessageContaining("at most " + Limits.MAX_NESTING_DEPTH)
                .satisfies(e -> assertThat(((SolverException) e).position()).hasValue(Limits.MAX_NESTING_DEPTH));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aMegabyteOfDigitsIsRefused(Style style) {
        solving("9".repeat(1 << 20) + "x = 1", style).hasMessageContaining("Input too long");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aNumberWithTooManyDigitsIsRefused(Style style) {
        solving("x = " + "7".repeat(Limits.MAX_NUMBER_DIGITS + 1), style)
                .hasMessage("Number too long: at most " + Limits.MAX_NUMBER_DIGITS + " digits");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aDegreeAboveTheBoundIsRefused(Style style) {
        solving("x^" + (Limits.MAX_DEGREE + 1) + " = 1", style).hasMessageContaining("Degree too high");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void coefficientsThatGrowTooLargeAreRefused(Style style) {
        String big = "9".repeat(25);
        solving(big + "(" + big + "(" + big + "x)) = 1", style).hasMessageContaining("Coefficient too large");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void productsWhoseDegreeExplodesAreRefused(Style style) {
        solving("(x + 1)".repeat(Limits.MAX_DEGREE + 1) + " = 0", style).hasMessageContaining("Degree too high");
    }

    @org.junit.jupiter.api.Test
    void theClassicFactorSearchRefusesConstantsBeyondItsBound() {
        solving("x^2 + x - 10000000000000 = 0", Style.CLASSIC).hasMessageContaining("too large for the classic factor search");
    }

    @org.junit.jupiter.api.Test
    void theModernStyleSolvesThatEquationExactly() throws SolverException {
        Solution s = Solver.solve("x^2 + x - 10000000000000 = 0", Options.modern());
        assertThat(s.roots()).extracting(Root::exact).containsExactly("-1/2 - √40000000000001/2", "-1/2 + √40000000000001/2");
    }

    @org.junit.jupiter.api.Test
    void aPowerOfAHugeConstantIsRefusedBeforeItIsComputed() {
        solving("99999999999999999999^64 x = 1", Style.MODERN).hasMessageContaining("Coefficient too large");
    }
}
