package dev.stepsolver.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every branch CLASSIC.md describes, with the exact lines the original service printed. */
class ClassicStyleTest {

    private static List<String> steps(String equation) throws SolverException {
        return Solver.solve(equation).lines(Format.TEXT);
    }

    @Nested
    class Linear {

        @Test
        void aNegativeRightHandXTermIsAddedAndAPositiveConstantSubtracted() throws SolverException {
            assertThat(steps("x - 3 = 2x + 1")).containsExactly(
                    "x - 3 = 2x + 1",
                    "\nSubtract 2x on both sides of the equal sign:",
                    "x - 3 - 2x = 2x + 1 - 2x",
                    "\nSimplify both sides:",
                    "- x - 3 = 1",
                    "\nAdd 3 on both sides of the equal sign:",
                    "- x - 3 + 3 = 1 + 3",
                    "\nSimplify both sides:",
                    "- x = 4",
                    "\nDevide both sides by -1:",
                    "x = - 4",
                    "\nSolution:",
                    "x = - 4");
        }

        @Test
        void aNonTerminatingQuotientIsPrintedExactly() throws SolverException {
            assertThat(steps("3x = 1")).containsExactly(
                    "3x = 1", "\nDevide both sides by 3:", "x = 1/3", "\nSolution:", "x = 1/3");
        }

        @Test
        void anIdentityEndsInZeroEqualsZero() throws SolverException {
            assertThat(steps("5 = 5")).containsExactly(
                    "5 = 5",
                    "\nSubtract 5 on both sides of the equal sign:",
                    "5 - 5 = 5 - 5",
                    "\nSimplify both sides:",
                    "0 = 0",
                    "\nSolution:",
                    "0 = 0");
        }

        @Test
        void aContradictionEndsInAFalseEquation() throws SolverException {
            assertThat(steps("3 = 5")).endsWith("0 = 2", "\nSolution:", "0 = 2");
        }

        @Test
        void highestTermsCancellingAcrossTheEqualSignAreSolvedAsALinearEquation() throws SolverException {
            assertThat(steps("x^2 + x = x^2 + 1")).containsExactly(
                    "x^2 + x = x^2 + 1",
                    "\nMove all terms to the left hand side:",
                    "x - 1 = 0",
                    "\nAdd 1 on both sides of the equal sign:",
                    "x - 1 + 1 = 0 + 1",
                    "\nSimplify both sides:",
                    "x = 1",
                    "\nSolution:",
                    "x = 1");
        }
    }

    @Nested
    class Simplifying {

        @Test
        void aGroupAfterATermMultipliesIt() throws SolverException {
            assertThat(steps("2x( x + 1 ) = 4")).startsWith(
                    "2x ( x + 1 ) = 4",
                    "\nSimplify LHS:",
                    "\nDistribute:",
                    "2x^2 + 2x = 4",
                    "\nAdd like terms:",
                    "2x^2 + 2x = 4",
                    "\nMove all terms to the left hand side:",
                    "2x^2 + 2x - 4 = 0");
        }

        @Test
        void twoGroupsInARowAreMultiplied() throws SolverException {
            assertThat(steps("( x - 1 )( 4x + 3 ) = 0")).startsWith(
                    "( x - 1 ) ( 4x + 3 ) = 0",
                    "\nSimplify LHS:",
                    "\nDistribute:",
                    "4x^2 - x - 3 = 0",
                    "\nAdd like terms:",
                    "4x^2 - x - 3 = 0");
        }

        @Test
        void aTypedLeadingZeroIsLeftOutOfTheDistributedLineLikeTheInsertedOne() throws SolverException {
            assertThat(steps("0 + 2( x + 1 ) = x")).startsWith(
                    "0 + 2 ( x + 1 ) = x",
                    "\nSimplify LHS:",
                    "\nDistribute:",
                    " + 2x + 2 = x",
                    "\nAdd like terms:",
                    "2x + 2 = x");
        }

        @Test
        void aSideWithoutGroupsThatIsNotInStandardFormOnlyAddsLikeTerms() throws SolverException {
            assertThat(steps("x + x = 4")).startsWith("x + x = 4", "\nSimplify LHS:", "\nAdd like terms:", "2x = 4",
                    "\nDevide both sides by 2:", "x = 2");
        }

        @Test
        void withoutAnEqualSignTheRightSideIsZero() throws SolverException {
            assertThat(steps("x^2-1")).startsWith("x^2 - 1 = 0", "\nGenerate factors of the coefficient of the x^2:");
        }
    }

    @Nested
    class Quadratic {

        @Test
        void aZeroConstantTermFactorsOutX() throws SolverException {
            assertThat(steps("x^2 + 2x = 0")).containsExactly(
                    "x^2 + 2x = 0",
                    "\nFactor out x:",
                    "x = 0    OR   x + 2 = 0",
                    "\nSolve the linear problem:",
                    "\nSubtract 2 on both sides of the equal sign:",
                    "x + 2 - 2 = 0 - 2",
                    "\nSimplify both sides:",
                    "x = - 2",
                    "\nSolution:",
                    "x = - 2    OR    x = 0");
        }

        @Test
        void aLeadingCoefficientOtherThanOneIsDividedOutFirst() throws SolverException {
            assertThat(steps("2x^2 - 4x = 0")).containsExactly(
                    "2x^2 - 4x = 0",
                    "\nDevide by the coefficient of x^2: 2",
                    "x^2 - 2x = 0",
                    "\nFactor out x:",
                    "x = 0    OR   x - 2 = 0",
                    "\nSolve the linear problem:",
                    "\nAdd 2 on both sides of the equal sign:",
                    "x - 2 + 2 = 0 + 2",
                    "\nSimplify both sides:",
                    "x = 2",
                    "\nSolution:",
                    "x = 2    OR    x = 0");
        }

        @Test
        void aPerfectSquareIsSolvedOnce() throws SolverException {
            assertThat(steps("x^2 - 2x + 1 = 0")).containsExactly(
                    "x^2 - 2x + 1 = 0",
                    "\nGenerate factors of the coefficient of the x^2:",
                    "[(-1, -1), (1, 1)]",
                    "\nGenerate factors of the constant term:",
                    "[(-1, -1), (1, 1)]",
                    "\nTest all the permutations until we find the one that solve the problem:",
                    "    x^2 factors = (-1, -1), constant factors = (-1, -1), sol = x^2 - 2x + 1",
                    "\nFound the permutation that solves our problem:",
                    "\nFactorize:",
                    "(- x + 1)(- x + 1) = 0",
                    "which implies:  - x + 1 = 0    OR    - x + 1 = 0",
                    "\nSolve: - x + 1 = 0",
                    "\nSubtract 1 on both sides of the equal sign:",
                    "- x + 1 - 1 = 0 - 1",
                    "\nSimplify both sides:",
                    "- x = - 1",
                    "\nDevide both sides by -1:",
                    "x = 1",
                    "\nSolution:",
                    "x = 1");
        }

        @Test
        void noRealRootsWithAnXTermCompletesTheSquareAndGivesUp() throws SolverException {
            assertThat(steps("x^2 + 2x + 5 = 0")).containsExactly(
                    "x^2 + 2x + 5 = 0",
                    "\nGenerate factors of the coefficient of the x^2:",
                    "[(-1, -1), (1, 1)]",
                    "\nGenerate factors of the constant term:",
                    "[(-1, -5), (1, 5)]",
                    "\nTest all the permutations until we find the one that solve the problem:",
                    "    x^2 factors = (-1, -1), constant factors = (-1, -5), sol = x^2 - 6x + 5",
                    "    x^2 factors = (-1, -1), constant factors = (1, 5), sol = x^2 + 6x + 5",
                    "    x^2 factors = (1, 1), constant factors = (-1, -5), sol = x^2 + 6x + 5",
                    "    x^2 factors = (1, 1), constant factors = (1, 5), sol = x^2 - 6x + 5",
                    "\nCould not find factors find that solve the problem\n",
                    "\nTrying completing the square:",
                    "\nMove the constant to the RHS:",
                    "x^2 + 2x = - 5",
                    "\nSquare  half the coefficient of x and add to it both sides: (2/2)^2",
                    "x^2 + 2x + (2/2)^2 = - 5 + (2/2)^2",
                    "\nFactorize the RHS:",
                    "(x + 1)(x + 1) = - 4",
                    "\nSimplify:",
                    "(x + 1)^2 = - 4",
                    "\nSolution does not exist: Cannot compute sqrt(-4)",
                    "\nSolution:",
                    "x^2 + 2x + 5 = 0");
        }

        @Test
        void decimalsFromDividingKeepTheOriginalsTrailingZeros() throws SolverException {
            // Python's Decimal: 0.25 - 0.75 is -0.50; the square root 0.25 prints as a float.
            assertThat(steps("2x^2 + 3x + 1 = 0")).containsExactly(
                    "2x^2 + 3x + 1 = 0",
                    "\nDevide by the coefficient of x^2: 2",
                    "x^2 + 1.5x + 0.5 = 0",
                    "\nGenerate factors of the coefficient of the x^2:",
                    "[(-1, -1), (1, 1)]",
                    "\nGenerate factors of the constant term:",
                    "[]",
                    "\nTest all the permutations until we find the one that solve the problem:",
                    "\nCould not find factors find that solve the problem\n",
                    "\nTrying completing the square:",
                    "\nMove the constant to the RHS:",
                    "x^2 + 1.5x = - 0.5",
                    "\nSquare  half the coefficient of x and add to it both sides: (1.5/2)^2",
                    "x^2 + 1.5x + (1.5/2)^2 = - 0.5 + (1.5/2)^2",
                    "\nFactorize the RHS:",
                    "(x + 0.75)(x + 0.75) = 0.0625",
                    "\nSimplify:",
                    "(x + 0.75)^2 = 0.0625",
                    "\nTake the square root of both sides:",
                    "x + 0.75 = 0.25    OR    x + 0.75 = - 0.25",
                    "\nSolve: x + 0.75 = 0.25",
                    "\nSubtract 0.75 on both sides of the equal sign:",
                    "x + 0.75 - 0.75 = 0.25 - 0.75",
                    "\nSimplify both sides:",
                    "x = - 0.50",
                    "\nSolve: x + 0.75 = 0.25",
                    "\nSubtract 0.75 on both sides of the equal sign:",
                    "x + 0.75 - 0.75 = - 0.25 - 0.75",
                    "\nSimplify both sides:",
                    "x = - 1.00",
                    "\nSolution:",
                    "x = - 0.50    OR    x = - 1.00");
        }

        @Test
        void anIntegerSquareRootPrintsAsAFloatAndIsUsedAsAnInteger() throws SolverException {
            assertThat(steps("4x^2 - 4x - 15 = 0")).contains(
                    "(x - 0.5)^2 = 4.00",
                    "x - 0.5 = 2.0    OR    x - 0.5 = - 2.0",
                    "x - 0.5 + 0.5 = 2 + 0.5",
                    "x = 2.5");
        }

        @Test
        void anIrrationalSquareRootIsPrintedExactly() throws SolverException {
            assertThat(steps("x^2 + x - 1 = 0")).endsWith(
                    "\nTake the square root of both sides:",
                    "x + 0.5 = √1.25    OR    x + 0.5 = - √1.25",
                    "\nSolve: x + 0.5 = √1.25",
                    "\nSubtract 0.5 on both sides of the equal sign:",
                    "x + 0.5 - 0.5 = √1.25 - 0.5",
                    "\nSimplify both sides:",
                    "x = √1.25 - 0.5",
                    "\nSolve: x + 0.5 = √1.25",
                    "\nSubtract 0.5 on both sides of the equal sign:",
                    "x + 0.5 - 0.5 = - √1.25 - 0.5",
                    "\nSimplify both sides:",
                    "x = - √1.25 - 0.5",
                    "\nSolution:",
                    "x = √1.25 - 0.5    OR    x = - √1.25 - 0.5");
        }

        @Test
        void aZeroRightConstantAfterCompletingTheSquareHasNoSolutionAsInTheOriginal() throws SolverException {
            assertThat(steps("4x^2 + 4x + 1 = 0")).endsWith(
                    "(x + 0.5)^2 = 0",
                    "\nSolution does not exist: Cannot compute sqrt(0.00)",
                    "\nSolution:",
                    "x^2 + x + 0.25 = 0");
        }

        @Test
        void aNegativeLeadingCoefficientIsDividedOut() throws SolverException {
            assertThat(steps("- x^2 + 1 = 0")).startsWith(
                    "- x^2 + 1 = 0", "\nDevide by the coefficient of x^2: -1", "x^2 - 1 = 0");
        }

        @Test
        void theSolutionsStayExactEvenWhereTheStepsFollowTheOriginal() throws SolverException {
            Solution s = Solver.solve("4x^2 + 4x + 1 = 0");
            assertThat(s.roots()).containsExactly(RealRoot.exact("-1/2", -0.5, 2));
        }
    }

    @Nested
    class CubicAndHigher {

        @Test
        void aCubicWithoutAnIntegerRootTriesNinetyNineFactorsAndKeepsTheEquation() throws SolverException {
            List<String> expected = new ArrayList<>();
            expected.add("x^3 + x + 1 = 0");
            expected.add("\nSolve the problem using the factor theorem and long division:");
            expected.add("Trying a factor: x");
            for (int r = 1; r < 50; r++) {
                expected.add("Trying a factor: x + " + r);
                expected.add("Trying a factor: x - " + r);
            }
            expected.add("Could not find a factor of the cubic polynomial.");
            expected.add("\nSolution:");
            expected.add("x^3 + x + 1 = 0");
            assertThat(steps("x^3 + x + 1 = 0")).containsExactlyElementsOf(expected);
        }

        @Test
        void aCubicWithLeadingCoefficientIsDividedByItUnderTheOriginalsWording() throws SolverException {
            assertThat(steps("2x^3 - 2x = 0")).startsWith(
                    "2x^3 - 2x = 0",
                    "\nDevide by the coefficient of x^2: 2",
                    "x^3 - x = 0",
                    "\nSolve the problem using the factor theorem and long division:",
                    "Trying a factor: x",
                    "\nLong division: (x^3 - x) / (x) = x^2 - 1");
        }

        @Test
        void aQuarticIsSolvedByTheFactorTheoremInTheSameVoice() throws SolverException {
            List<String> s = steps("x^4 - 5x^2 + 4 = 0");
            assertThat(s).contains(
                    "\nLong division: (x^4 - 5x^2 + 4) / (x + 1) = x^3 - x^2 - 4x + 4",
                    "\nSolving: x^3 - x^2 - 4x + 4 = 0",
                    "\nLong division: (x^3 - x^2 - 4x + 4) / (x - 1) = x^2 - 4",
                    "\nSolving: x^2 - 4 = 0");
            assertThat(s).endsWith("\nSolution:", "x = 2    OR    x = - 2    OR    x = 1    OR    x = - 1");
        }

        @Test
        void aCubicFromCancellingQuarticTermsIsSolved() throws SolverException {
            assertThat(steps("x^4 + x^3 = x^4 + x")).startsWith(
                    "x^4 + x^3 = x^4 + x",
                    "\nMove all terms to the left hand side:",
                    "x^3 - x = 0");
        }
    }

    @Nested
    class Errors {

        @Test
        void twoEqualSignsAreNotCorrectlyFormatted() {
            assertThatThrownBy(() -> Solver.solve("x = 1 = 2")).isInstanceOf(SolverException.class)
                    .hasMessage("Problem not correctly formatted");
        }

        @Test
        void anUnclosedGroupHasNoMatchingBracket() {
            assertThatThrownBy(() -> Solver.solve("2( x + 1 = 4")).hasMessage("Could not find matching closing bracket");
        }

        @Test
        void anUnknownCharacterIsIllFormattedInput() {
            assertThatThrownBy(() -> Solver.solve("2.5x = 1")).hasMessage("Ill-formatted input");
        }

        @Test
        void anUnknownCharacterInsideAGroupIsIllFormattedInputToo() {
            assertThatThrownBy(() -> Solver.solve("( x ^ 2 ) = 1")).hasMessage("Ill-formatted input");
        }

        @Test
        void aClosingBracketWithoutAnOpeningOneIsIllFormattedInput() {
            assertThatThrownBy(() -> Solver.solve("x + 1 ) = 1")).hasMessage("Ill-formatted input");
        }

        @Test
        void aDanglingOperatorIsAnIllFormattedQuestion() {
            assertThatThrownBy(() -> Solver.solve("3(2x - 1) +")).hasMessage("Ill-formatted question");
        }

        @Test
        void twoNumbersInARowAreAnIllFormattedQuestion() {
            assertThatThrownBy(() -> Solver.solve("2 3 = 5")).hasMessage("Ill-formatted question");
        }

        @Test
        void anEmptySideIsAnIllFormattedQuestion() {
            assertThatThrownBy(() -> Solver.solve("= 5")).hasMessage("Ill-formatted question");
        }

        @Test
        void theBracketErrorPointsAtTheUnclosedBracket() {
            assertThatThrownBy(() -> Solver.solve("x + (x - 1"))
                    .isInstanceOfSatisfying(SolverException.class, e -> assertThat(e.position()).hasValue(4));
        }
    }
}
