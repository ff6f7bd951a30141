package dev.stepsolver.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.lambda.SolveRequest.Reply;
import dev.stepsolver.solver.Format;
import dev.stepsolver.solver.Solution;
import dev.stepsolver.solver.SolverException;
import dev.stepsolver.solver.Step;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bodies and headers of every answer. Every response carries the contract's CORS headers,
 * errors and preflights included. Thread-safe.
 */
final class Responses {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, X-Api-Key, X-Amz-Date, X-Amz-Security-Token";

    private final ObjectMapper mapper;

    Responses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** 200 with the classic array of step strings. */
    ApiResponse classicSteps(Solution solution) throws JsonProcessingException {
        return new ApiResponse(200, headers(JSON), mapper.writeValueAsString(solution.lines(Format.TEXT)));
    }

    /** 200 with the JSON object: the solution's own JSON, the options used, and the steps in the asked format. */
    ApiResponse jsonSolution(Solution solution, SolveRequest request) throws JsonProcessingException {
        JsonNode own = mapper.readTree(solution.toJson());
        ObjectNode body = mapper.createObjectNode();
        body.set("equation", own.get("equation"));
        body.put("style", label(request.options().style()));
        body.put("domain", label(request.options().domain()));
        body.put("format", label(request.format()));
        body.set("classification", own.get("classification"));
        if (own.has("degree")) {
            body.set("degree", own.get("degree"));
        }
        body.set("solutions", own.get("solutions"));
        body.set("steps", switch (request.format()) {
            case TEXT -> own.get("steps");
            case LATEX -> mapper.valueToTree(solution.lines(Format.LATEX));
            case JSON -> structuredSteps(solution);
        });
        return new ApiResponse(200, headers(JSON), mapper.writeValueAsString(body));
    }

    /** 400 for an equation the solver refused: the contract's text, or a JSON object with the position. */
    ApiResponse invalidEquation(SolveRequest request, SolverException e) throws JsonProcessingException {
        String message = e.getMessage() == null ? "Ill-formatted input" : e.getMessage();
        return switch (request.reply()) {
            case CLASSIC -> new ApiResponse(400, headers(TEXT), "Equation: " + request.equation() + "\n\n" + message);
            case JSON -> {
                ObjectNode body = mapper.createObjectNode().put("equation", request.equation()).put("message", message);
                e.position().ifPresent(position -> body.put("position", position));
                yield new ApiResponse(400, headers(JSON), mapper.writeValueAsString(body));
            }
        };
    }

    /** The answer to a request that was not solved. */
    ApiResponse rejected(Interpretation.Rejected rejected) throws JsonProcessingException {
        Map<String, String> headers = headers(rejected.reply() == Reply.JSON ? JSON : TEXT);
        if (rejected.outcome() == Outcome.METHOD_NOT_ALLOWED) {
            headers.put("Allow", ALLOWED_METHODS);
        }
        String body = switch (rejected.reply()) {
            case JSON -> mapper.writeValueAsString(mapper.createObjectNode()
                    .put("equation", rejected.equation()).put("message", rejected.message()));
            // The contract's 400 shape; other statuses have no equation to echo.
            case CLASSIC -> rejected.outcome().status() == 400
                    ? "Equation: " + rejected.equation() + "\n\n" + rejected.message()
                    : rejected.message();
        };
        return new ApiResponse(rejected.outcome().status(), headers, body);
    }

    /** 204 for a CORS preflight. */
    ApiResponse preflight() {
        Map<String, String> headers = headers(TEXT);
        headers.remove("Content-Type");
        headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Max-Age", "600");
        return new ApiResponse(204, headers, "");
    }

    /** 500 without any detail but the id that finds the log line. */
    ApiResponse internalError(Reply reply, String requestId) {
        String message = "Internal error; request id " + requestId;
        return switch (reply) {
            case CLASSIC -> new ApiResponse(500, headers(TEXT), message);
            // Hand-built: this path must not depend on the serializer that may have failed.
            case JSON -> new ApiResponse(500, headers(JSON), "{\"message\":\"Internal error\",\"requestId\":\""
                    + jsonSafe(requestId) + "\"}");
        };
    }

    static Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Credentials", "true");
        return headers;
    }

    private ArrayNode structuredSteps(Solution solution) {
        ArrayNode steps = mapper.createArrayNode();
        for (Step step : solution.steps()) {
            ObjectNode s = steps.addObject().put("kind", label(step.kind()));
            ArrayNode lines = s.putArray("lines");
            for (Step.Line line : step.lines()) {
                ObjectNode l = lines.addObject().put("heading", line.heading()).put("text", line.text());
                ArrayNode fragments = l.putArray("fragments");
                for (Step.Fragment fragment : line.fragments()) {
                    String type = switch (fragment) {
                        case Step.Prose p -> "prose";
                        case Step.Formula f -> "formula";
                    };
                    fragments.addObject().put("type", type).put("text", fragment.text());
                }
            }
        }
        return steps;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String jsonSafe(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
