package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The classic contract's five cases (contract/TestCases.json), through the whole handler. */
class ContractTest {

    record Case(String description, String equation, List<String> solution) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/contract/TestCases.json")) {
            return Events.MAPPER.readValue(in, new TypeReference<List<Case>>() {}).stream();
        }
    }

    private final Invocations invocations = new Invocations();

    @ParameterizedTest
    @MethodSource("cases")
    void aPostWithThePlainTextEquationGetsTheClassicStepsByteForByte(Case c) throws IOException {
        var response = invocations.invoke(Events.rest("POST", c.equation()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.array()).containsExactlyElementsOf(c.solution());
        assertThat(response.body()).isEqualTo(Events.MAPPER.writeValueAsString(c.solution()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aGetWithTheEquationAsBodyGetsTheSameSteps(Case c) throws IOException {
        var response = invocations.invoke(Events.rest("GET", c.equation()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.array()).containsExactlyElementsOf(c.solution());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void anHttpApiEventGetsTheSameSteps(Case c) throws IOException {
        var response = invocations.invoke(Events.httpApi("POST", c.equation()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.array()).containsExactlyElementsOf(c.solution());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aSuccessCarriesTheContractHeaders(Case c) throws IOException {
        var response = invocations.invoke(Events.rest("POST", c.equation()));

        assertThat(response.headers())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Access-Control-Allow-Origin", "*")
                .containsEntry("Access-Control-Allow-Credentials", "true");
    }
}
