package dev.stepsolver.lambda;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the handler needs from either event format.
 *
 * @param version       the event format, which is also the response format
 * @param method        the HTTP method, upper case; empty for a direct invocation without one
 * @param headers       request headers with lower-case names
 * @param query         query string parameters (already URL-decoded by API Gateway)
 * @param body          the raw body as the event carries it; empty when there is none
 * @param base64Encoded whether {@code body} is base64
 * @param apiRequestId  API Gateway's request id, when the event has one
 */
public record ApiRequest(PayloadVersion version, Optional<String> method, Map<String, String> headers,
                         Map<String, String> query, Optional<String> body, boolean base64Encoded,
                         Optional<String> apiRequestId) {

    public ApiRequest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(method, "method");
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(apiRequestId, "apiRequestId");
    }

    /** A header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A query string parameter. */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }
}
