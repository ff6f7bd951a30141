package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One structured log line per invocation, and CloudWatch EMF metrics beside it. */
class TelemetryTest {

    private final Invocations invocations = new Invocations();

    private static JsonNode json(String line) throws IOException {
        return Events.MAPPER.readTree(line);
    }

    @Test
    void aSolvedRequestLogsOneLineWithRequestIdInputLengthOutcomeAndDuration() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "7x - 2 = 19"));

        JsonNode log = json(response.context().lines().get(0));
        assertThat(log.path("level").asText()).isEqualTo("INFO");
        assertThat(log.path("requestId").asText()).isEqualTo("req-1");
        assertThat(log.path("apiRequestId").asText()).isEqualTo("api-request-1");
        assertThat(log.path("inputLength").asInt()).isEqualTo(11);
        assertThat(log.path("outcome").asText()).isEqualTo("solved");
        assertThat(log.path("status").asInt()).isEqualTo(200);
        assertThat(log.path("method").asText()).isEqualTo("POST");
        assertThat(log.path("payloadVersion").asText()).isEqualTo("1.0");
        assertThat(log.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        // the test clock moves 0.25 ms per reading: start, solve start, solve end, end
        assertThat(log.path("durationMs").asDouble()).isEqualTo(0.75);
    }

    @Test
    void theLogLineNeverCarriesTheEquationItself() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "7x - 2 = 19"));

        assertThat(String.join("\n", response.context().lines())).doesNotContain("7x - 2 = 19");
    }

    @Test
    void eachLineIsHandedToTheContextLoggerEndingInANewline() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "7x = 21"));

        assertThat(response.context().logged).hasSize(2).allMatch(l -> l.endsWith("\n") && l.indexOf('\n') == l.length() - 1);
    }

    @Test
    void aSolvedRequestEmitsValidEmfWithTheSolveLatencyInMilliseconds() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "7x = 21"));

        String emf = response.context().lines().get(1);
        assertThat(EmfValidator.problems(emf)).isEmpty();
        JsonNode doc = json(emf);
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("StepSolver");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("SolveLatency");
        assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(doc.path("SolveLatency").asDouble()).isEqualTo(0.25);
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(Invocations.NOW.toEpochMilli());
        assertThat(doc.has("SolveErrors")).isFalse();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("invalid_equation", Events.bytes(Events.rest("POST", "x = = 1")), true),
                Arguments.of("bad_request", Events.bytes(Events.rest("POST", null)), false),
                Arguments.of("bad_request", "not json".getBytes(), false),
                Arguments.of("payload_too_large", Events.bytes(Events.rest("POST", "1".repeat(40_000))), false),
                Arguments.of("method_not_allowed", Events.bytes(Events.rest("PATCH", "x = 1")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailureEmitsValidEmfCountingOneSolveErrorOfItsKind(String kind, byte[] event, boolean solverRan) throws IOException {
        var response = invocations.invoke(event);

        List<String> lines = response.context().lines();
        assertThat(lines).hasSize(2);
        assertThat(json(lines.get(0)).path("level").asText()).isEqualTo("WARN");
        assertThat(json(lines.get(0)).path("outcome").asText()).isEqualTo(kind);
        String emf = lines.get(1);
        assertThat(EmfValidator.problems(emf)).isEmpty();
        JsonNode doc = json(emf);
        assertThat(doc.path("SolveErrors").asInt()).isEqualTo(1);
        assertThat(doc.path("Kind").asText()).isEqualTo(kind);
        assertThat(doc.has("SolveLatency")).isEqualTo(solverRan);
    }

    @Test
    void solveErrorsArePublishedByKindAndInTotal() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "x = = 1"));

        JsonNode directives = json(response.context().lines().get(1)).path("_aws").path("CloudWatchMetrics");
        JsonNode errors = directives.get(directives.size() - 1);
        assertThat(errors.path("Metrics").get(0).path("Name").asText()).isEqualTo("SolveErrors");
        assertThat(errors.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(errors.path("Dimensions").toString()).isEqualTo("[[\"Kind\"],[]]");
    }

    @Test
    void aFaultEmitsValidEmfOfKindInternalError() throws IOException {
        var faulty = new Invocations((equation, options) -> {
            throw new IllegalStateException("bug");
        });

        var response = faulty.invoke(Events.rest("POST", "7x = 21"));

        String emf = response.context().lines().get(1);
        assertThat(EmfValidator.problems(emf)).isEmpty();
        assertThat(json(emf).path("Kind").asText()).isEqualTo("internal_error");
    }

    @Test
    void aPreflightLogsItsLineButNoMetrics() throws IOException {
        var response = invocations.invoke(Events.rest("OPTIONS", null));

        assertThat(response.context().lines()).hasSize(1);
        assertThat(json(response.context().lines().get(0)).path("outcome").asText()).isEqualTo("preflight");
    }

    @Test
    void theValidatorRejectsAMetricWhoseTargetIsMissing() {
        String doc = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],"
                + "\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]}]}}";

        assertThat(EmfValidator.problems(doc)).containsExactly("metric target Latency is not a number or array of numbers");
    }

    @Test
    void theValidatorRejectsADimensionThatIsNotAStringAndAnUnknownUnit() {
        String doc = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"Kind\"]],"
                + "\"Metrics\":[{\"Name\":\"E\",\"Unit\":\"Errors\"}]}]},\"Kind\":3,\"E\":1}";

        assertThat(EmfValidator.problems(doc)).containsExactlyInAnyOrder(
                "dimension target Kind is not a string member of the root", "Unit \"Errors\" is not a CloudWatch unit");
    }

    @Test
    void theValidatorRejectsAMissingTimestamp() {
        String doc = "{\"_aws\":{\"CloudWatchMetrics\":[]}}";

        assertThat(EmfValidator.problems(doc)).containsExactly("_aws.Timestamp missing or not an integer of milliseconds");
    }
}
