package dev.stepsolver.solver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The original service's integration suite (a copy of contract/TestCases.json), element by element. */
class ContractTest {

    record ContractCase(String description, String equation, List<String> solution) {
    }

    static Stream<ContractCase> cases() throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/contract/TestCases.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<ContractCase>>() { }).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classicStepsEqualTheContractArray(ContractCase c) throws SolverException {
        assertThat(Solver.solve(c.equation()).lines(Format.TEXT)).containsExactlyElementsOf(c.solution());
    }
}
