package dev.stepsolver.emulator.protocol;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** An HTTP response to send back: status, headers and a body. */
public record EdgeResponse(int status, HttpHeaders headers, Body body) {

    /** What the response carries. */
    public sealed interface Body {
        long length();
    }

    public record Empty() implements Body {
        @Override
        public long length() {
            return 0;
        }
    }

    public record Bytes(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** A file streamed from disk, so large objects never sit in memory. */
    public record FileRange(Path file, long offset, long length) implements Body {
    }

    public static Builder status(int status) {
        return new Builder(status);
    }

    public static final class Builder {
        private final int status;
        private final HttpHeaders.Builder headers = HttpHeaders.builder();
        private Body body = new Empty();

        private Builder(int status) {
            this.status = status;
        }

        public Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        public Builder body(byte[] bytes, String contentType) {
            headers.set("Content-Type", contentType);
            this.body = new Bytes(bytes);
            return this;
        }

        public Builder body(String text, String contentType) {
            return body(text.getBytes(StandardCharsets.UTF_8), contentType);
        }

        public Builder body(Body newBody) {
            this.body = newBody;
            return this;
        }

        public EdgeResponse build() {
            return new EdgeResponse(status, headers.build(), body);
        }
    }
}
