package dev.stepsolver.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Modern-style messages say what is wrong and where. */
class ModernErrorsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "x + y = 1          | 4  | Only one variable is allowed: found x and y",
            "2x +               | 4  | Missing a number, variable or parenthesis at the end",
            "x = 1 = 2          | 6  | More than one '=' in the equation",
            "(x + 1 = 2         | 0  | Missing closing parenthesis",
            "x + 1) = 2         | 5  | Closing parenthesis without an opening one",
            "1/x = 2            | 1  | Can only divide by a number, not by an expression containing x",
            "x/(1 - 1) = 2      | 1  | Division by zero",
            "x^-1 = 2           | 2  | An exponent must be a whole number, 0 or more",
            "x^1.5 = 2          | 2  | An exponent must be a whole number, 0 or more",
            "x^2^3 = 1          | 3  | Chained exponents are ambiguous: use parentheses, (x^2)^3",
            "2 3 = 5            | 2  | Two numbers in a row: write an operator between them",
            "x2 = 4             | 1  | A number right after a variable is ambiguous: write 2x or x*2",
            "x = √2             | 4  | Unexpected '√'",
            "2. = x             | 1  | A decimal point must be followed by digits",
            "()= 1              | 0  | Empty parentheses",
            "= 1                | 0  | Missing an expression before '='",
            "'   '              | 0  | The equation is empty",
    })
    void reportsTheProblemAndItsPosition(String equation, int position, String message) {
        assertThatThrownBy(() -> Solver.solve(equation, Options.modern()))
                .isInstanceOfSatisfying(SolverException.class, e -> {
                    assertThat(e).hasMessage(message);
                    assertThat(e.position()).hasValue(position);
                });
    }
}
