package dev.stepsolver.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The modern style: richer input, exact answers, any degree. */
class ModernStyleTest {

    private static Solution modern(String equation) throws SolverException {
        return Solver.solve(equation, Options.modern());
    }

    private static Solution complex(String equation) throws SolverException {
        return Solver.solve(equation, Options.modern().withDomain(Domain.COMPLEX));
    }

    private static List<String> exacts(Solution s) {
        return s.roots().stream().map(Root::exact).toList();
    }

    private static String lastLine(Solution s) {
        List<String> lines = s.lines(Format.TEXT);
        return lines.get(lines.size() - 1);
    }

    @Nested
    class Input {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "2.5x = 5                  | 2",
                "3/4x = 3                  | 4",
                "x/2 + 1/3 = 0             | -2/3",
                "2*x - 3*(x - 1) = 0       | 3",
                "2((x + 1)(3 - 1)) = 8     | 1",
                "-(-(-x)) = 4              | -4",
                "x * -2 = 6                | -3",
                "−2y + 1 = 5               | -2",
                "t^1 + 0.5 = .75           | 1/4",
                "(x + 1)^2 - x^2 = 7       | 3",
                "x² - x² + x³ - x³ + x = 9 | 9",
        })
        void acceptsTheModernNotation(String equation, String root) throws SolverException {
            assertThat(exacts(modern(equation))).containsExactly(root);
        }

        @Test
        void theVariableIsWhicheverLetterIsUsed() throws SolverException {
            assertThat(lastLine(modern("3z = 1"))).isEqualTo("Solution: z = 1/3");
        }

        @Test
        void aSideThatIsNotInStandardFormIsExpandedFirst() throws SolverException {
            assertThat(modern("(x - 1)(x + 1) = 3").lines(Format.TEXT))
                    .contains("Expand and collect like terms: x^2 - 1 = 3");
        }
    }

    @Nested
    class ExactAnswers {

        @Test
        void aLinearEquationHasAFractionalRoot() throws SolverException {
            Solution s = modern("3x + 1 = 2");
            assertThat(s.lines(Format.TEXT)).containsExactly(
                    "Equation: 3x + 1 = 2",
                    "Collect the x terms on the left and the numbers on the right: 3x = 1",
                    "Divide both sides by 3: x = 1/3",
                    "Solution: x = 1/3");
            assertThat(s.roots()).containsExactly(RealRoot.exact("1/3", 1.0 / 3, 1));
        }

        @Test
        void surdsAreSimplified() throws SolverException {
            Solution s = modern("x^2 - 2x - 1 = 0");
            assertThat(exacts(s)).containsExactly("1 - √2", "1 + √2");
            assertThat(s.lines(Format.TEXT)).contains(
                    "Δ > 0: two real roots x = (2 ± √8)/2 → x = 1 ± √2", "Solution: x = 1 ± √2");
        }

        @Test
        void squareFactorsLeaveTheRadicand() throws SolverException {
            assertThat(exacts(modern("x^2 = 8"))).containsExactly("-2√2", "2√2");
        }

        @Test
        void aRootOverADenominatorIsWrittenAsAFraction() throws SolverException {
            assertThat(exacts(modern("x^2 + x - 1 = 0"))).containsExactly("-1/2 - √5/2", "-1/2 + √5/2");
        }

        @Test
        void rootValuesMatchTheirExactForms() throws SolverException {
            List<RealRoot> roots = modern("x^2 - 2x - 1 = 0").realRoots();
            assertThat(roots.get(0).value()).isCloseTo(1 - Math.sqrt(2), within(1e-15));
            assertThat(roots.get(1).value()).isCloseTo(1 + Math.sqrt(2), within(1e-15));
        }

        @Test
        void aDoubleRootHasMultiplicityTwo() throws SolverException {
            Solution s = modern("x^2 - 6x + 9 = 0");
            assertThat(s.roots()).containsExactly(RealRoot.exact("3", 3, 2));
            assertThat(lastLine(s)).isEqualTo("Solution: x = 3 (multiplicity 2)");
        }
    }

    @Nested
    class Domains {

        @Test
        void withoutRealRootsTheRealDomainSaysSo() throws SolverException {
            Solution s = modern("x^2 + x + 1 = 0");
            assertThat(s.classification()).isEqualTo(Classification.noRealSolution(2));
            assertThat(s.roots()).isEmpty();
            assertThat(lastLine(s)).isEqualTo("Solution: no real solution.");
        }

        @Test
        void theComplexDomainGivesTheConjugatePair() throws SolverException {
            Solution s = complex("x^2 + x + 1 = 0");
            assertThat(exacts(s)).containsExactly("-1/2 - (√3/2)i", "-1/2 + (√3/2)i");
            assertThat(lastLine(s)).isEqualTo("Solution: x = -1/2 ± (√3/2)i");
            ComplexRoot z = (ComplexRoot) s.roots().get(1);
            assertThat(z.re()).isEqualTo(-0.5);
            assertThat(z.im()).isCloseTo(Math.sqrt(3) / 2, within(1e-15));
        }

        @Test
        void purelyImaginaryRootsHaveNoRealPart() throws SolverException {
            assertThat(exacts(complex("x^2 + 4 = 0"))).containsExactly("-2i", "2i");
            assertThat(exacts(complex("x^2 + 1 = 0"))).containsExactly("-i", "i");
        }
    }

    @Nested
    class HigherDegrees {

        @Test
        void theRationalRootTheoremFindsEveryRationalRoot() throws SolverException {
            Solution s = modern("6x^3 - 11x^2 + 6x - 1 = 0");
            assertThat(exacts(s)).containsExactly("1/3", "1/2", "1");
            assertThat(s.lines(Format.TEXT).get(1)).startsWith("Rational root theorem");
        }

        @Test
        void repeatedRationalRootsCarryTheirMultiplicity() throws SolverException {
            Solution s = modern("(x - 1)^3 (x + 2)^2 = 0");
            assertThat(s.roots()).containsExactly(RealRoot.exact("-2", -2, 2), RealRoot.exact("1", 1, 3));
        }

        @Test
        void powersOfXAreFactoredOut() throws SolverException {
            Solution s = modern("x^5 - x^3 = 0");
            assertThat(s.roots()).containsExactly(RealRoot.exact("-1", -1, 1), RealRoot.exact("0", 0, 3),
                    RealRoot.exact("1", 1, 1));
            assertThat(s.lines(Format.TEXT)).anyMatch(l -> l.startsWith("Factor out x^3: x^3(x^2 - 1) = 0"));
        }

        @Test
        void aQuadraticLeftAfterDeflationIsSolvedInClosedForm() throws SolverException {
            assertThat(exacts(modern("x^3 - x^2 - 2x + 2 = 0"))).containsExactly("-√2", "1", "√2");
        }

        @Test
        void repeatedIrrationalFactorsAreFound() throws SolverException {
            Solution s = modern("(x^2 - 2)^2 = 0");
            assertThat(s.roots()).extracting(Root::exact, Root::multiplicity)
                    .containsExactly(tuple("-√2", 2), tuple("√2", 2));
        }

        @Test
        void aCubicWithOneRealRootUsesCardano() throws SolverException {
            Solution s = complex("x^3 - 2 = 0");
            assertThat(exacts(s)).containsExactly("∛2", "-∛2/2 - (√3/2)·∛2·i", "-∛2/2 + (√3/2)·∛2·i");
            assertThat(s.realRoots().get(0).value()).isCloseTo(Math.cbrt(2), within(1e-14));
            ComplexRoot z = (ComplexRoot) s.roots().get(2);
            assertThat(z.re()).isCloseTo(-Math.cbrt(2) / 2, within(1e-14));
            assertThat(z.im()).isCloseTo(Math.sqrt(3) / 2 * Math.cbrt(2), within(1e-14));
        }

        @Test
        void cardanosRealRootHasNestedRadicals() throws SolverException {
            Solution s = modern("x^3 + x + 1 = 0");
            assertThat(exacts(s)).containsExactly("∛(-1/2 + √93/18) + ∛(-1/2 - √93/18)");
            assertThat(s.realRoots().get(0).value()).isCloseTo(-0.6823278038280193, within(1e-14));
        }

        @Test
        void threeIrrationalRealRootsAreFoundNumericallyWithinTheStatedTolerance() throws SolverException {
            Solution s = modern("x^3 - 3x + 1 = 0");
            assertThat(s.roots()).hasSize(3).allSatisfy(r -> {
                assertThat(r.approximate()).isTrue();
                double scale = Math.max(1, Math.abs(((RealRoot) r).value()));
                assertThat(r.errorBound()).isPositive().isLessThanOrEqualTo(Limits.NUMERIC_TOLERANCE * scale);
            });
            // the roots are 2cos(2π/9), 2cos(4π/9), 2cos(8π/9)
            double[] expected = {2 * Math.cos(8 * Math.PI / 9), 2 * Math.cos(4 * Math.PI / 9), 2 * Math.cos(2 * Math.PI / 9)};
            for (int i = 0; i < 3; i++) {
                assertThat(s.realRoots().get(i).value()).isCloseTo(expected[i], within(1e-12));
            }
        }

        @Test
        void aQuinticGetsNumericRealAndComplexRoots() throws SolverException {
            Solution s = complex("x^5 - x - 1 = 0");
            assertThat(s.realRoots()).singleElement().satisfies(r -> assertThat(r.value()).isCloseTo(1.1673039782614187, within(1e-12)));
            assertThat(s.roots()).hasSize(5).filteredOn(r -> r instanceof ComplexRoot).hasSize(4)
                    .allSatisfy(r -> assertThat(r.errorBound()).isLessThan(1e-9));
        }
    }

    @Nested
    class Degenerate {

        @Test
        void anIdentityIsSaidPlainly() throws SolverException {
            Solution s = modern("2(x + 1) = 2x + 2");
            assertThat(s.classification()).isEqualTo(Classification.identity());
            assertThat(s.lines(Format.TEXT)).contains(
                    "Both sides are the same for every value of x: the equation is an identity.",
                    "Solution: every real number x is a solution.");
        }

        @Test
        void aContradictionIsSaidPlainly() throws SolverException {
            Solution s = modern("x + 1 = x + 2");
            assertThat(s.classification()).isEqualTo(Classification.contradiction());
            assertThat(s.lines(Format.TEXT)).contains(
                    "Moving everything to the left gives -1 = 0, which is never true: the equation is a contradiction.",
                    "Solution: no value of x satisfies the equation.");
        }

        @Test
        void anEquationWithoutAVariableIsStillAnIdentityOrAContradiction() throws SolverException {
            assertThat(modern("2 + 2 = 4").classification()).isEqualTo(Classification.identity());
            assertThat(modern("2 + 2 = 5").classification()).isEqualTo(Classification.contradiction());
        }
    }
}
