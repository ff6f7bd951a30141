package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unsolvable input gets the contract's 400: {@code Equation: <input>\n\n<message>}. */
class ClassicErrorsTest {

    private final Invocations invocations = new Invocations();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "x = = 1          | Problem not correctly formatted",
            "( 2x + 1 = 3     | Could not find matching closing bracket",
            "3( 2x - 1 ) +    | Ill-formatted question",
            "abc              | Ill-formatted input"})
    void anUnsolvableEquationIsA400WithTheEquationAndTheMessage(String equation, String message) throws IOException {
        var response = invocations.invoke(Events.rest("POST", equation));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Equation: " + equation + "\n\n" + message);
    }

    @Test
    void theErrorCarriesTheCorsHeadersAndIsPlainText() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "x = = 1"));

        assertThat(response.headers())
                .containsEntry("Content-Type", "text/plain; charset=utf-8")
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void theEquationIsEchoedAsSentIncludingItsSpacing() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "  x ==  1 "));

        assertThat(response.body()).startsWith("Equation:   x ==  1 \n\n");
    }

    @Test
    void anHttpApiEventGetsTheSameError() throws IOException {
        var response = invocations.invoke(Events.httpApi("POST", "x = = 1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Equation: x = = 1\n\nProblem not correctly formatted");
    }
}
