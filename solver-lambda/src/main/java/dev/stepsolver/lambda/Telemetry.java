package dev.stepsolver.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The log lines of one invocation: a structured JSON line (request id, input length, outcome,
 * duration) and, unless it was a preflight, a CloudWatch Embedded Metric Format document with
 * {@code SolveLatency} (when the solver ran) and {@code SolveErrors} by {@code Kind} (when the
 * invocation failed). Thread-safe.
 */
final class Telemetry {

    /** The CloudWatch namespace of the metrics. */
    static final String NAMESPACE = "StepSolver";

    /**
     * One finished invocation.
     *
     * @param requestId     Lambda's request id
     * @param apiRequestId  API Gateway's, when the event had one
     * @param version       the event format (1.0 when the event could not be read)
     * @param method        the HTTP method, when there was one
     * @param outcome       how it ended
     * @param inputLength   bytes of input (body or query equation)
     * @param durationNanos the whole invocation
     * @param solveNanos    the solver and rendering, when the solver ran
     * @param detail        the error told to the caller, or the fault for a 500
     */
    record Invocation(String requestId, Optional<String> apiRequestId, PayloadVersion version, Optional<String> method,
                      Outcome outcome, int inputLength, long durationNanos, OptionalLong solveNanos,
                      Optional<String> detail) {
        Invocation {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(apiRequestId, "apiRequestId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(solveNanos, "solveNanos");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final ObjectMapper mapper;
    private final Clock clock;

    Telemetry(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The log line, then the metrics document if there is one; each a single line of JSON. */
    List<String> lines(Invocation invocation) throws JsonProcessingException {
        List<String> lines = new ArrayList<>(2);
        lines.add(mapper.writeValueAsString(logLine(invocation)));
        metrics(invocation).ifPresent(lines::add);
        return lines;
    }

    private ObjectNode logLine(Invocation i) {
        ObjectNode line = mapper.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", i.outcome() == Outcome.INTERNAL_ERROR ? "ERROR" : i.outcome().isError() ? "WARN" : "INFO");
        line.put("message", "invocation");
        line.put("requestId", i.requestId());
        i.apiRequestId().ifPresent(id -> line.put("apiRequestId", id));
        line.put("payloadVersion", i.version().label());
        i.method().ifPresent(m -> line.put("method", m));
        line.put("outcome", i.outcome().label());
        line.put("status", i.outcome().status());
        line.put("inputLength", i.inputLength());
        line.put("durationMs", millis(i.durationNanos()));
        i.detail().ifPresent(d -> line.put("detail", d));
        return line;
    }

    private Optional<String> metrics(Invocation i) throws JsonProcessingException {
        boolean latency = i.solveNanos().isPresent();
        boolean error = i.outcome().isError();
        if (!latency && !error) {
            return Optional.empty();
        }
        ObjectNode doc = mapper.createObjectNode();
        ObjectNode aws = doc.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ArrayNode directives = aws.putArray("CloudWatchMetrics");
        if (latency) {
            ObjectNode directive = directives.addObject().put("Namespace", NAMESPACE);
            directive.putArray("Dimensions").addArray();
            directive.putArray("Metrics").addObject().put("Name", "SolveLatency").put("Unit", "Milliseconds");
            doc.put("SolveLatency", millis(i.solveNanos().getAsLong()));
        }
        if (error) {
            ObjectNode directive = directives.addObject().put("Namespace", NAMESPACE);
            // by kind, and the total across kinds for a single alarm
            ArrayNode dimensions = directive.putArray("Dimensions");
            dimensions.addArray().add("Kind");
            dimensions.addArray();
            directive.putArray("Metrics").addObject().put("Name", "SolveErrors").put("Unit", "Count");
            doc.put("Kind", i.outcome().label());
            doc.put("SolveErrors", 1);
        }
        doc.put("requestId", i.requestId());
        return Optional.of(mapper.writeValueAsString(doc));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
