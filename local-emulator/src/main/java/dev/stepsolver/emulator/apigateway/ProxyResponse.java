package dev.stepsolver.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Lambda proxy integration must return: a JSON object with at most statusCode (a number or
 * a numeric string; 200 when absent), headers (strings or booleans), multiValueHeaders (lists of
 * them), body (a string) and isBase64Encoded. Anything else is a malformed proxy response, which
 * API Gateway answers with 502.
 *
 * @param headers every response header with all its values: {@code headers} first, then
 *     {@code multiValueHeaders}, whose values replace those of the same name
 */
record ProxyResponse(int statusCode, Map<String, List<String>> headers, Optional<String> body, boolean base64) {

    private static final Set<String> MEMBERS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
            "isBase64Encoded");

    /** Why the payload is not a proxy response (for the log). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static ProxyResponse parse(byte[] payload) throws Malformed {
        JsonNode root;
        try {
            root = Mappers.JSON.readTree(payload);
        } catch (IOException e) {
            throw new Malformed("the function's response is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("the function's response is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new Malformed("unexpected member '" + name + "'");
            }
        }
        int status = statusCode(root.get("statusCode"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode single = root.get("headers");
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                throw new Malformed("headers is not an object");
            }
            for (Map.Entry<String, JsonNode> header : single.properties()) {
                headers.put(header.getKey(), new ArrayList<>(List.of(headerValue(header.getValue(), header.getKey()))));
            }
        }
        JsonNode multi = root.get("multiValueHeaders");
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                throw new Malformed("multiValueHeaders is not an object");
            }
            for (Map.Entry<String, JsonNode> header : multi.properties()) {
                List<String> values = new ArrayList<>();
                if (header.getValue().isArray()) {
                    for (JsonNode value : header.getValue()) {
                        values.add(headerValue(value, header.getKey()));
                    }
                } else if (!header.getValue().isNull()) {
                    values.add(headerValue(header.getValue(), header.getKey()));
                }
                headers.keySet().removeIf(name -> name.equalsIgnoreCase(header.getKey()));
                headers.put(header.getKey(), values);
            }
        }
        JsonNode body = root.get("body");
        if (body != null && !body.isNull() && !body.isTextual()) {
            throw new Malformed("body is not a string");
        }
        JsonNode base64 = root.get("isBase64Encoded");
        if (base64 != null && !base64.isNull() && !base64.isBoolean()) {
            throw new Malformed("isBase64Encoded is not a boolean");
        }
        return new ProxyResponse(status, headers, body == null || body.isNull() ? Optional.empty()
                : Optional.of(body.asText()), base64 != null && base64.asBoolean());
    }

    private static int statusCode(JsonNode node) throws Malformed {
        if (node == null || node.isNull()) {
            return 200;
        }
        int status;
        if (node.isIntegralNumber()) {
            status = node.asInt();
        } else if (node.isTextual() && node.asText().matches("\\d{1,3}")) {
            status = Integer.parseInt(node.asText());
        } else {
            throw new Malformed("statusCode is not a number");
        }
        if (status < 100 || status > 599) {
            throw new Malformed("statusCode " + status + " is not an HTTP status");
        }
        return status;
    }

    private static String headerValue(JsonNode value, String name) throws Malformed {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.asBoolean());
        }
        throw new Malformed("the value of header '" + name + "' is not a string");
    }
}
