package dev.stepsolver.solver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line, run in-process with captured streams. */
class MainTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Run(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int status = Main.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return runWithInput("", args);
    }

    @Test
    void printsTheClassicStepsByDefault() {
        Run r = run("7x - 2 = 19");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("7x - 2 = 19\n\nAdd 2 on both sides of the equal sign:\n7x - 2 + 2 = 19 + 2\n")
                .endsWith("\nSolution:\nx = 3\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void printsTheModernStepsInTheComplexDomain() {
        Run r = run("--style", "modern", "--domain", "complex", "x^2 + x + 1 = 0");
        assertThat(r.status()).isZero();
        assertThat(r.outLines()).last().isEqualTo("Solution: x = -1/2 ± (√3/2)i");
    }

    @Test
    void acceptsOptionsWrittenWithAnEqualsSign() {
        Run r = run("--style=modern", "--format=json", "x = 1/3 + 1/3");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\"exact\": \"2/3\"");
    }

    @Test
    void printsOneJsonObjectWithFormatJson() throws IOException {
        Run r = run("--format", "json", "x^2-1=0");
        JsonNode json = MAPPER.readTree(r.out());
        assertThat(json.get("classification").asText()).isEqualTo("polynomial");
        assertThat(json.get("solutions")).hasSize(2);
        assertThat(json.get("steps").get(0).asText()).isEqualTo("x^2 - 1 = 0");
    }

    @Test
    void printsLatexLines() {
        Run r = run("--format", "latex", "x^2-1=0");
        assertThat(r.outLines()).first().isEqualTo("x^{2} - 1 = 0");
    }

    @Test
    void anEquationStartingWithAMinusIsNotAnOption() {
        Run r = run("-x = 2");
        assertThat(r.status()).isZero();
        assertThat(r.outLines()).last().isEqualTo("x = - 2");
    }

    @Test
    void aSolverErrorExitsWithTwoAndTheMessageOnStandardError() {
        Run r = run("x = 1 = 2");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("Problem not correctly formatted (at character 6)\n");
    }

    @Test
    void aMissingEquationIsAUsageError() {
        Run r = run("--style", "modern");
        assertThat(r.status()).isEqualTo(64);
        assertThat(r.err()).contains("no equation given").contains(Main.USAGE_LINE);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("--colour", "red", "x = 1");
        assertThat(r.status()).isEqualTo(64);
        assertThat(r.err()).contains("unknown option --colour");
    }

    @Test
    void aBadOptionValueIsAUsageError() {
        assertThat(run("--format", "xml", "x = 1").status()).isEqualTo(64);
        assertThat(run("--style", "baroque", "x = 1").status()).isEqualTo(64);
        assertThat(run("--domain", "quaternion", "x = 1").status()).isEqualTo(64);
        assertThat(run("x = 1", "--domain").status()).isEqualTo(64);
    }

    @Test
    void twoEquationsAreAUsageError() {
        assertThat(run("x = 1", "x = 2").status()).isEqualTo(64);
    }

    @Test
    void helpPrintsTheUsageLine() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(Main.USAGE_LINE + "\n");
    }

    @Test
    void batchWritesOneJsonObjectPerInputLine() throws IOException {
        Run r = runWithInput("7x - 2 = 19\nx = 1 = 2\r\nx^2 - 1\n", "--batch");
        assertThat(r.status()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines).hasSize(3);
        JsonNode first = MAPPER.readTree(lines.get(0));
        assertThat(first.get("equation").asText()).isEqualTo("7x - 2 = 19");
        assertThat(first.get("steps").get(8).asText()).isEqualTo("x = 3");
        assertThat(first.has("classification")).isFalse();
        JsonNode second = MAPPER.readTree(lines.get(1));
        assertThat(second.get("equation").asText()).isEqualTo("x = 1 = 2");
        assertThat(second.get("error").asText()).isEqualTo("Problem not correctly formatted");
        assertThat(MAPPER.readTree(lines.get(2)).get("steps").get(0).asText()).isEqualTo("x^2 - 1 = 0");
    }

    @Test
    void batchWithFormatJsonWritesWholeSolutions() throws IOException {
        Run r = runWithInput("x^2 + 1 = 0\n", "--batch", "--format", "json", "--style", "modern", "--domain", "complex");
        JsonNode json = MAPPER.readTree(r.outLines().get(0));
        assertThat(json.get("classification").asText()).isEqualTo("polynomial");
        assertThat(json.get("solutions").get(0).get("im").asDouble()).isEqualTo(-1.0);
    }

    @Test
    void batchRefusesAnOverlongLineWithoutBufferingItAndGoesOn() throws IOException {
        String huge = "1".repeat(2_000_000);
        Run r = runWithInput(huge + "\nx = 2\n", "--batch");
        List<String> lines = r.outLines();
        assertThat(lines).hasSize(2);
        assertThat(MAPPER.readTree(lines.get(0)).get("error").asText()).startsWith("Input too long");
        assertThat(MAPPER.readTree(lines.get(1)).get("steps").get(0).asText()).isEqualTo("x = 2");
    }

    @Test
    void batchDoesNotTakeAnEquationArgument() {
        assertThat(run("--batch", "x = 1").status()).isEqualTo(64);
    }

    @Test
    void doubleDashEndsTheOptions() {
        Run r = run("--", "--x = 1");
        assertThat(r.status()).isEqualTo(2); // "--x" is not classic input, but it was read as the equation
        assertThat(r.err()).startsWith("Ill-formatted question");
    }
}
