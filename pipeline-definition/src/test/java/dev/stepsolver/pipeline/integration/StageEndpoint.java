package dev.stepsolver.pipeline.integration;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in API stage on 127.0.0.1: answers each equation from a table, after any scripted
 * error statuses, and records what it received.
 */
final class StageEndpoint implements AutoCloseable {

    record Received(String path, String body, String apiKey) {
    }

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Deque<Integer> errors = new ArrayDeque<>();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    StageEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath(), body, exchange.getRequestHeaders().getFirst("x-api-key")));
            Integer error;
            synchronized (errors) {
                error = errors.poll();
            }
            int status;
            String answer;
            if (error != null) {
                status = error;
                answer = "{\"message\":\"scripted " + error + "\"}";
            } else if (answers.containsKey(body)) {
                status = 200;
                answer = answers.get(body);
            } else {
                status = 400;
                answer = "Equation: " + body + "\n\nIll-formatted input";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    StageEndpoint answer(String equation, String json) {
        answers.put(equation, json);
        return this;
    }

    /** The next requests fail with these statuses, in order, before answers resume. */
    StageEndpoint failNext(Integer... statuses) {
        synchronized (errors) {
            errors.addAll(List.of(statuses));
        }
        return this;
    }

    URI stage(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
