package dev.stepsolver.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.lambda.Interpretation.Preflight;
import dev.stepsolver.lambda.Interpretation.Rejected;
import dev.stepsolver.lambda.Interpretation.Solve;
import dev.stepsolver.lambda.SolveRequest.Reply;
import dev.stepsolver.solver.Domain;
import dev.stepsolver.solver.Format;
import dev.stepsolver.solver.Options;
import dev.stepsolver.solver.Style;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an {@link ApiRequest} into what it asks for. The equation comes from the body (plain
 * text, or a JSON object when the body starts with <code>{</code>), else from {@code ?equation=}.
 * Thread-safe.
 */
final class RequestReader {

    static final String NO_EQUATION = "No equation given: send it as the request body, as the query parameter "
            + "?equation=, or as {\"equation\": \"...\"}";

    private final ObjectMapper mapper;

    RequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Interpretation read(ApiRequest request) {
        String method = request.method().orElse("POST");
        switch (method) {
            case "OPTIONS" -> {
                return new Preflight();
            }
            case "GET", "POST" -> {
                // the contract: POST, or GET with a body
            }
            default -> {
                return new Rejected(Outcome.METHOD_NOT_ALLOWED,
                        "Method " + printable(method) + " is not allowed: use POST, GET or OPTIONS", Reply.CLASSIC, "", 0);
            }
        }

        Optional<String> rawBody = request.body().filter(b -> !b.isEmpty());
        if (rawBody.isEmpty()) {
            return fromQuery(request);
        }
        byte[] body;
        if (request.base64Encoded()) {
            // 4 characters of base64 per 3 bytes: anything longer decodes to more than the limit
            if (rawBody.get().length() > (RequestLimits.MAX_BODY_BYTES + 2) / 3 * 4 + 4) {
                return tooLarge(rawBody.get().length() / 4 * 3);
            }
            try {
                body = Base64.getMimeDecoder().decode(rawBody.get());
            } catch (IllegalArgumentException e) {
                return new Rejected(Outcome.BAD_REQUEST, "The body is marked base64 but is not valid base64",
                        Reply.CLASSIC, "", rawBody.get().length());
            }
        } else {
            if (rawBody.get().length() > RequestLimits.MAX_BODY_BYTES) {
                return tooLarge(rawBody.get().length());
            }
            body = rawBody.get().getBytes(StandardCharsets.UTF_8);
        }
        if (body.length > RequestLimits.MAX_BODY_BYTES) {
            return tooLarge(body.length);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new Rejected(Outcome.BAD_REQUEST, "The body is not valid UTF-8 text", Reply.CLASSIC, "", body.length);
        }
        if (text.isBlank()) {
            return fromQuery(request);
        }
        if (text.stripLeading().startsWith("{")) {
            return fromJson(text, body.length);
        }
        return new Solve(SolveRequest.classic(text), body.length);
    }

    private Interpretation fromQuery(ApiRequest request) {
        Optional<String> equation = request.queryParameter("equation").filter(q -> !q.isBlank());
        if (equation.isEmpty()) {
            return new Rejected(Outcome.BAD_REQUEST, NO_EQUATION, Reply.CLASSIC, "", 0);
        }
        int length = equation.get().getBytes(StandardCharsets.UTF_8).length;
        if (length > RequestLimits.MAX_BODY_BYTES) {
            return tooLarge(length);
        }
        return new Solve(SolveRequest.classic(equation.get()), length);
    }

    private Interpretation fromJson(String text, int length) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new Rejected(Outcome.BAD_REQUEST, "The body is not valid JSON: " + JsonErrors.describe(e), Reply.JSON,
                    "", length);
        }
        if (root == null || !root.isObject()) {
            return new Rejected(Outcome.BAD_REQUEST, "The body is not valid JSON", Reply.JSON, "", length);
        }
        JsonNode equationNode = root.path("equation");
        if (!equationNode.isMissingNode() && !equationNode.isNull() && !equationNode.isTextual()) {
            return new Rejected(Outcome.BAD_REQUEST, "\"equation\" must be a string", Reply.JSON, "", length);
        }
        String equation = equationNode.isTextual() ? equationNode.textValue() : "";
        if (equation.isBlank()) {
            return new Rejected(Outcome.BAD_REQUEST, NO_EQUATION, Reply.JSON, equation, length);
        }
        Style style;
        Format format;
        Domain domain;
        try {
            style = option(root, "style", Style.class, Style.CLASSIC);
            format = option(root, "format", Format.class, Format.TEXT);
            domain = option(root, "domain", Domain.class, Domain.REAL);
        } catch (UnknownOption e) {
            return new Rejected(Outcome.BAD_REQUEST, e.getMessage(), Reply.JSON, equation, length);
        }
        Options options = (style == Style.CLASSIC ? Options.classic() : Options.modern()).withDomain(domain);
        return new Solve(new SolveRequest(equation, options, format, Reply.JSON), length);
    }

    private static final class UnknownOption extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownOption(String message) {
            super(message, null, false, false);
        }
    }

    private static <E extends Enum<E>> E option(JsonNode root, String name, Class<E> type, E fallback)
            throws UnknownOption {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            String label = value.name().toLowerCase(Locale.ROOT);
            if (node.isTextual() && label.equalsIgnoreCase(node.textValue().strip())) {
                return value;
            }
            allowed.append(allowed.isEmpty() ? "" : ", ").append('"').append(label).append('"');
        }
        String given = node.isTextual() ? '"' + printable(node.textValue()) + '"' : node.getNodeType().name().toLowerCase(Locale.ROOT);
        throw new UnknownOption("Unknown " + name + " " + given + ": use one of " + allowed);
    }

    private static Rejected tooLarge(int length) {
        return new Rejected(Outcome.PAYLOAD_TOO_LARGE, "The request is larger than the limit of "
                + RequestLimits.MAX_BODY_BYTES + " bytes", Reply.CLASSIC, "", length);
    }

    /** Caller-supplied text echoed in a message: short, one line. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 40; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.length() < s.length() ? out + "…" : out.toString();
    }
}
