package dev.stepsolver.emulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole HTTP request as the edge received it: head and (bounded, fully read) body. */
public record EdgeRequest(RequestHead head, byte[] body) {

    public String method() {
        return head.method();
    }

    public String rawPath() {
        return head.rawPath();
    }

    public String path() {
        return head.path();
    }

    public String rawQuery() {
        return head.rawQuery();
    }

    public HttpHeaders headers() {
        return head.headers();
    }

    public Optional<String> header(String name) {
        return head.header(name);
    }

    public Map<String, List<String>> queryParameters() {
        return head.queryParameters();
    }

    public Optional<String> queryParameter(String name) {
        return head.queryParameter(name);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The same request with another body (after aws-chunked decoding, for instance). */
    public EdgeRequest withBody(byte[] newBody) {
        return new EdgeRequest(head, newBody);
    }
}
