package dev.stepsolver.emulator.apigateway;

import java.nio.charset.StandardCharsets;

/**
 * The responses API Gateway itself gives (its default gateway responses), with AWS's status,
 * body and {@code x-amzn-ErrorType}. The 5xx bodies carry a space after the colon, as AWS's do.
 */
enum GatewayResponse {
    MISSING_AUTHENTICATION_TOKEN(403, "{\"message\":\"Missing Authentication Token\"}",
            "MissingAuthenticationTokenException"),
    FORBIDDEN(403, "{\"message\":\"Forbidden\"}", "ForbiddenException"),
    THROTTLED(429, "{\"message\":\"Too Many Requests\"}", "TooManyRequestsException"),
    QUOTA_EXCEEDED(429, "{\"message\":\"Limit Exceeded\"}", "LimitExceededException"),
    REQUEST_TOO_LARGE(413, "{\"message\":\"Request Too Long\"}", "RequestTooLongException"),
    /** The function failed or its response was not a proxy response. */
    BAD_GATEWAY(502, "{\"message\": \"Internal server error\"}", "InternalServerErrorException"),
    /** The integration could not be invoked (no such function, throttled, misconfigured). */
    INTERNAL_ERROR(500, "{\"message\": \"Internal server error\"}", "InternalServerErrorException"),
    INTEGRATION_TIMEOUT(504, "{\"message\": \"Endpoint request timed out\"}", "InternalServerErrorException");

    private final int status;
    private final byte[] body;
    private final String errorType;

    GatewayResponse(int status, String body, String errorType) {
        this.status = status;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.errorType = errorType;
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body.clone();
    }

    String errorType() {
        return errorType;
    }
}
