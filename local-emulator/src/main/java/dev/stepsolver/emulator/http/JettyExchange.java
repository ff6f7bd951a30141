package dev.stepsolver.emulator.http;

import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.HttpHeaders;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Conversions between Jetty's core request/response and the edge's value types. */
public final class JettyExchange {

    /** Largest request body the edge buffers (S3 single PUTs included). */
    public static final long MAX_BODY_BYTES = 512L * 1024 * 1024;

    /** RFC 1123 with fixed English names: formatting it needs no locale data. */
    private static final java.time.format.DateTimeFormatter HTTP_DATE =
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC);

    private JettyExchange() {
    }

    public static RequestHead head(Request request) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (HttpField field : request.getHeaders()) {
            headers.add(field.getName(), field.getValue());
        }
        String path = request.getHttpURI().getPath();
        String query = request.getHttpURI().getQuery();
        return new RequestHead(request.getMethod(), path == null ? "/" : path, query == null ? "" : query,
                headers.build());
    }

    /** Reads the whole body, refusing more than {@code limit} bytes. */
    static byte[] readBody(Request request, long limit) throws IOException, BodyTooLargeException {
        long declared = request.getLength();
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                throw new BodyTooLargeException(limit);
            }
            return body;
        }
    }

    /**
     * Reads the whole body for a data-plane route with its own limit: empty when the body is larger
     * than {@code limit} bytes (the route answers that in its own terms).
     */
    public static java.util.Optional<byte[]> readBodyUpTo(Request request, long limit) throws IOException {
        try {
            return java.util.Optional.of(readBody(request, limit));
        } catch (BodyTooLargeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Writes {@code edge} as the response, streaming file bodies. */
    public static void write(EdgeResponse edge, Request request, Response response, Callback callback) {
        response.setStatus(edge.status());
        response.getHeaders().put("Date", HTTP_DATE.format(java.time.Instant.now()));
        for (Map.Entry<String, List<String>> header : edge.headers().asMap().entrySet()) {
            for (String value : header.getValue()) {
                response.getHeaders().add(header.getKey(), value);
            }
        }
        boolean head = "HEAD".equals(request.getMethod());
        switch (edge.body()) {
            case EdgeResponse.Empty empty -> {
                if (!edge.headers().contains("Content-Length")) {
                    response.getHeaders().put("Content-Length", 0L);
                }
                response.write(true, null, callback);
            }
            case EdgeResponse.Bytes bytes -> {
                response.getHeaders().put("Content-Length", (long) bytes.bytes().length);
                response.write(true, head ? null : ByteBuffer.wrap(bytes.bytes()), callback);
            }
            case EdgeResponse.FileRange file -> {
                response.getHeaders().put("Content-Length", file.length());
                if (head) {
                    response.write(true, null, callback);
                    return;
                }
                try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ);
                        OutputStream out = Content.Sink.asOutputStream(response)) {
                    channel.position(file.offset());
                    InputStream in = Channels.newInputStream(channel);
                    byte[] buffer = new byte[64 * 1024];
                    long remaining = file.length();
                    while (remaining > 0) {
                        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                        if (read < 0) {
                            break;
                        }
                        out.write(buffer, 0, read);
                        remaining -= read;
                    }
                    callback.succeeded();
                } catch (IOException e) {
                    callback.failed(e);
                }
            }
        }
    }
}
