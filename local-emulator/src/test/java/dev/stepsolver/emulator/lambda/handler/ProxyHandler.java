package dev.stepsolver.emulator.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A handler behind an API Gateway proxy integration (run in a function process, with Jackson in
 * /var/task/lib). The query parameter {@code action} says what to answer: {@code echo} (default) a
 * proxy response whose body is the event and the version that ran, {@code fail} throw,
 * {@code malformed} a response with a member proxy responses cannot have, {@code hang} never answer,
 * {@code binary} a base64 body, {@code pong} the smallest response (for the benchmark).
 */
public final class ProxyHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) throws Exception {
        Object query = event.get("queryStringParameters");
        String action = query instanceof Map<?, ?> parameters && parameters.get("action") != null
                ? String.valueOf(parameters.get("action")) : "echo";
        Map<String, Object> response = new LinkedHashMap<>();
        switch (action) {
            case "fail" -> throw new IllegalStateException("the handler failed on purpose");
            case "malformed" -> {
                response.put("statusCode", 200);
                response.put("unexpected", "a member proxy responses do not have");
                return response;
            }
            case "hang" -> new CountDownLatch(1).await();
            case "pong" -> {
                response.put("statusCode", 200);
                response.put("headers", Map.of("Content-Type", "text/plain"));
                response.put("body", "pong");
                return response;
            }
            case "binary" -> {
                response.put("statusCode", 200);
                response.put("headers", Map.of("Content-Type", "application/octet-stream"));
                response.put("body", Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}));
                response.put("isBase64Encoded", true);
                return response;
            }
            default -> {
                // echo
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("function", context.getFunctionName());
        body.put("version", context.getFunctionVersion());
        body.put("event", event);
        response.put("statusCode", 201);
        response.put("headers", Map.of("Content-Type", "application/json", "X-Version",
                context.getFunctionVersion()));
        response.put("multiValueHeaders", Map.of("X-Multi", List.of("one", "two")));
        response.put("body", JSON.writeValueAsString(body));
        response.put("isBase64Encoded", false);
        return response;
    }
}
