package dev.stepsolver.lambda;

import java.util.Map;
import java.util.Objects;

/**
 * A proxy integration response before it is written in the event's format.
 *
 * @param statusCode HTTP status
 * @param headers    response headers (the CORS headers included)
 * @param body       the body text, never base64
 */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
