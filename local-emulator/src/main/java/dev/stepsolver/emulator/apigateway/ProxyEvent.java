package dev.stepsolver.emulator.apigateway;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepsolver.emulator.protocol.Mappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The event a Lambda proxy integration receives (REST API payload format 1.0), written member by
 * member in AWS's order: resource, path, httpMethod, headers, multiValueHeaders,
 * queryStringParameters, multiValueQueryStringParameters, pathParameters, stageVariables,
 * requestContext, body, isBase64Encoded. Empty maps are {@code null}, as AWS sends them.
 */
final class ProxyEvent {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Who called: the client address, the user agent and the API key when one was required. */
    record Identity(String sourceIp, Optional<String> userAgent, Optional<String> apiKey, Optional<String> apiKeyId) {
    }

    /** The request context's facts that are not in the request itself. */
    record Context(String accountId, String apiId, String stage, String deploymentId, String resourceId,
            String resourcePath, String requestId, String extendedRequestId, Instant requestTime, String domainName,
            String protocol, Identity identity) {
    }

    /**
     * @param path the request path after the stage, as sent
     * @param headers single-value headers (the last value of each)
     * @param query single-value query parameters (the last value of each)
     * @param body the body as text, or base64 when {@code base64}
     */
    record Input(String resourcePath, String path, String httpMethod, Map<String, String> headers,
            Map<String, List<String>> multiValueHeaders, Map<String, String> query,
            Map<String, List<String>> multiValueQuery, Map<String, String> pathParameters,
            Map<String, String> stageVariables, Context context, Optional<String> body, boolean base64) {
    }

    private ProxyEvent() {
    }

    static byte[] write(Input in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = Mappers.JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("resource", in.resourcePath());
            json.writeStringField("path", in.path());
            json.writeStringField("httpMethod", in.httpMethod());
            stringMap(json, "headers", in.headers());
            listMap(json, "multiValueHeaders", in.multiValueHeaders());
            stringMap(json, "queryStringParameters", in.query());
            listMap(json, "multiValueQueryStringParameters", in.multiValueQuery());
            stringMap(json, "pathParameters", in.pathParameters());
            stringMap(json, "stageVariables", in.stageVariables());
            context(json, in.context(), in.httpMethod(), in.path());
            if (in.body().isPresent()) {
                json.writeStringField("body", in.body().get());
            } else {
                json.writeNullField("body");
            }
            json.writeBooleanField("isBase64Encoded", in.base64());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void context(JsonGenerator json, Context c, String httpMethod, String path) throws IOException {
        json.writeObjectFieldStart("requestContext");
        json.writeStringField("resourceId", c.resourceId());
        json.writeStringField("resourcePath", c.resourcePath());
        json.writeStringField("httpMethod", httpMethod);
        json.writeStringField("extendedRequestId", c.extendedRequestId());
        json.writeStringField("requestTime", REQUEST_TIME.format(c.requestTime()));
        json.writeStringField("path", "/" + c.stage() + path);
        json.writeStringField("accountId", c.accountId());
        json.writeStringField("protocol", c.protocol());
        json.writeStringField("stage", c.stage());
        int dot = c.domainName().indexOf('.');
        json.writeStringField("domainPrefix", dot > 0 ? c.domainName().substring(0, dot) : c.domainName());
        json.writeNumberField("requestTimeEpoch", c.requestTime().toEpochMilli());
        json.writeStringField("requestId", c.requestId());
        json.writeObjectFieldStart("identity");
        json.writeNullField("cognitoIdentityPoolId");
        if (c.identity().apiKey().isPresent()) {
            json.writeStringField("apiKey", c.identity().apiKey().get());
        }
        if (c.identity().apiKeyId().isPresent()) {
            json.writeStringField("apiKeyId", c.identity().apiKeyId().get());
        }
        json.writeNullField("accountId");
        json.writeNullField("cognitoIdentityId");
        json.writeNullField("caller");
        json.writeStringField("sourceIp", c.identity().sourceIp());
        json.writeNullField("principalOrgId");
        json.writeNullField("accessKey");
        json.writeNullField("cognitoAuthenticationType");
        json.writeNullField("cognitoAuthenticationProvider");
        json.writeNullField("userArn");
        if (c.identity().userAgent().isPresent()) {
            json.writeStringField("userAgent", c.identity().userAgent().get());
        } else {
            json.writeNullField("userAgent");
        }
        json.writeNullField("user");
        json.writeEndObject();
        json.writeStringField("domainName", c.domainName());
        json.writeStringField("deploymentId", c.deploymentId());
        json.writeStringField("apiId", c.apiId());
        json.writeEndObject();
    }

    private static void stringMap(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        if (values.isEmpty()) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void listMap(JsonGenerator json, String name, Map<String, List<String>> values) throws IOException {
        if (values.isEmpty()) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            json.writeArrayFieldStart(entry.getKey());
            for (String value : entry.getValue()) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
