package dev.stepsolver.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** API Gateway proxy events as API Gateway sends them, built field by field. */
final class Events {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Events() {
    }

    /** A REST API (payload 1.0) event with a plain text body. */
    static ObjectNode rest(String method, String body) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("resource", "/");
        event.put("path", "/");
        event.put("httpMethod", method);
        ObjectNode headers = event.putObject("headers");
        headers.put("Content-Type", "application/json");
        headers.put("Host", "abc123.execute-api.us-east-1.amazonaws.com");
        headers.put("x-api-key", "k");
        event.putObject("multiValueHeaders").putArray("Content-Type").add("application/json");
        event.putNull("queryStringParameters");
        event.putNull("multiValueQueryStringParameters");
        event.putNull("pathParameters");
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("resourceId", "r1");
        context.put("stage", "prod");
        context.put("requestId", "api-request-1");
        context.put("httpMethod", method);
        context.put("path", "/prod/");
        context.put("apiId", "abc123");
        context.put("requestTimeEpoch", 1767225600000L);
        context.putObject("identity").put("sourceIp", "127.0.0.1").put("apiKey", "k");
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /** An HTTP API (payload 2.0) event with a plain text body. */
    static ObjectNode httpApi(String method, String body) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", "/");
        event.put("rawQueryString", "");
        event.putObject("headers").put("content-type", "text/plain").put("host", "abc123.execute-api.us-east-1.amazonaws.com");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "abc123");
        context.put("domainName", "abc123.execute-api.us-east-1.amazonaws.com");
        context.put("requestId", "api-request-2");
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", "01/Jan/2026:00:00:00 +0000");
        context.put("timeEpoch", 1767225600000L);
        context.putObject("http").put("method", method).put("path", "/").put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1").put("userAgent", "curl/8");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /** The same event with its body base64-encoded, as API Gateway sends binary media types. */
    static ObjectNode base64(ObjectNode event) {
        String body = event.path("body").asText();
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return event;
    }

    /** Adds a query string parameter, in both the single and multi-value maps (payload 1.0) or the map (2.0). */
    static ObjectNode query(ObjectNode event, String name, String value) {
        if (event.has("httpMethod")) {
            ensureObject(event, "queryStringParameters").put(name, value);
            ensureObject(event, "multiValueQueryStringParameters").putArray(name).add(value);
        } else {
            ensureObject(event, "queryStringParameters").put(name, value);
        }
        return event;
    }

    static byte[] bytes(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode ensureObject(ObjectNode event, String field) {
        if (!event.path(field).isObject()) {
            event.putObject(field);
        }
        return (ObjectNode) event.get(field);
    }
}
