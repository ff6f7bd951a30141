package dev.stepsolver.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads API Gateway proxy events (payload 1.0 and 2.0) into {@link ApiRequest}s by binding them to
 * the aws-lambda-java-events classes, and writes {@link ApiResponse}s back in the matching
 * response class. Thread-safe.
 */
final class EventCodec {

    private final ObjectMapper mapper;

    EventCodec(ObjectMapper mapper) {
        // Real events carry many fields these classes do not model (requestContext details that
        // change over time); they are not the handler's business.
        this.mapper = mapper.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Why an event could not be read; the message is safe to show to the caller. */
    static final class MalformedEvent extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedEvent(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses and binds one event. */
    ApiRequest read(byte[] event) throws MalformedEvent {
        JsonNode root;
        try {
            root = mapper.readTree(event);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("Malformed event: not JSON (" + JsonErrors.describe(e) + ")");
        } catch (IOException e) {
            throw new MalformedEvent("Malformed event: not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEvent("Malformed event: expected a JSON object, got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        try {
            return isHttpApi(root) ? fromV2(mapper.treeToValue(root, APIGatewayV2HTTPEvent.class))
                    : fromV1(mapper.treeToValue(root, APIGatewayProxyRequestEvent.class));
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("Malformed event: not an API Gateway proxy event (" + JsonErrors.describe(e) + ")");
        }
    }

    /** The response in the shape API Gateway expects for events of {@code version}. */
    byte[] write(PayloadVersion version, ApiResponse response) throws JsonProcessingException {
        return switch (version) {
            case V1 -> {
                APIGatewayProxyResponseEvent event = new APIGatewayProxyResponseEvent();
                event.setStatusCode(response.statusCode());
                event.setHeaders(response.headers());
                event.setBody(response.body());
                event.setIsBase64Encoded(false);
                yield mapper.writeValueAsBytes(event);
            }
            case V2 -> {
                APIGatewayV2HTTPResponse event = new APIGatewayV2HTTPResponse();
                event.setStatusCode(response.statusCode());
                event.setHeaders(response.headers());
                event.setBody(response.body());
                event.setIsBase64Encoded(false);
                yield mapper.writeValueAsBytes(event);
            }
        };
    }

    /** HTTP API events say {@code "version": "2.0"}; the method lives in requestContext.http. */
    private static boolean isHttpApi(JsonNode root) {
        if ("2.0".equals(root.path("version").asText(""))) {
            return true;
        }
        return !root.has("httpMethod") && root.path("requestContext").path("http").isObject();
    }

    private static ApiRequest fromV1(APIGatewayProxyRequestEvent e) {
        Map<String, String> query = new HashMap<>();
        if (e.getMultiValueQueryStringParameters() != null) {
            e.getMultiValueQueryStringParameters().forEach((k, v) -> first(v).ifPresent(first -> query.put(k, first)));
        }
        if (e.getQueryStringParameters() != null) {
            e.getQueryStringParameters().forEach((k, v) -> {
                if (k != null && v != null) {
                    query.put(k, v);
                }
            });
        }
        Map<String, String> headers = new HashMap<>();
        if (e.getMultiValueHeaders() != null) {
            e.getMultiValueHeaders().forEach((k, v) -> first(v).ifPresent(first -> putHeader(headers, k, first)));
        }
        if (e.getHeaders() != null) {
            e.getHeaders().forEach((k, v) -> putHeader(headers, k, v));
        }
        Optional<String> apiRequestId = e.getRequestContext() == null ? Optional.empty()
                : Optional.ofNullable(e.getRequestContext().getRequestId());
        return new ApiRequest(PayloadVersion.V1, method(e.getHttpMethod()), headers, query,
                Optional.ofNullable(e.getBody()), Boolean.TRUE.equals(e.getIsBase64Encoded()), apiRequestId);
    }

    private static ApiRequest fromV2(APIGatewayV2HTTPEvent e) {
        Map<String, String> query = new HashMap<>();
        if (e.getQueryStringParameters() != null) {
            e.getQueryStringParameters().forEach((k, v) -> {
                if (k != null && v != null) {
                    query.put(k, v);
                }
            });
        }
        Map<String, String> headers = new HashMap<>();
        if (e.getHeaders() != null) {
            e.getHeaders().forEach((k, v) -> putHeader(headers, k, v));
        }
        APIGatewayV2HTTPEvent.RequestContext context = e.getRequestContext();
        Optional<String> method = context == null || context.getHttp() == null ? Optional.empty()
                : method(context.getHttp().getMethod());
        Optional<String> apiRequestId = context == null ? Optional.empty() : Optional.ofNullable(context.getRequestId());
        return new ApiRequest(PayloadVersion.V2, method, headers, query, Optional.ofNullable(e.getBody()),
                e.getIsBase64Encoded(), apiRequestId);
    }

    private static Optional<String> method(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim().toUpperCase(Locale.ROOT));
    }

    private static Optional<String> first(List<String> values) {
        return values == null ? Optional.empty() : values.stream().filter(v -> v != null).findFirst();
    }

    private static void putHeader(Map<String, String> headers, String name, String value) {
        if (name != null && value != null) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
        }
    }
}
