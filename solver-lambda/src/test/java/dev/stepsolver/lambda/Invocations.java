package dev.stepsolver.lambda;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Runs the handler on raw event bytes and reads what it wrote. */
final class Invocations {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock for durations that moves 250 µs per reading. */
    final AtomicLong nanos = new AtomicLong();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final SolverHandler handler;

    Invocations() {
        this(dev.stepsolver.solver.Solver::solve);
    }

    Invocations(SolverHandler.SolveFunction solver) {
        handler = new SolverHandler(Clock.fixed(NOW, ZoneOffset.UTC), () -> nanos.getAndAdd(250_000),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), solver);
    }

    /** What the handler wrote, as a proxy response. */
    record Response(JsonNode raw, int status, Map<String, String> headers, String body, FakeContext context) {

        List<String> array() throws IOException {
            return Events.MAPPER.readValue(body, new TypeReference<List<String>>() {});
        }

        JsonNode json() throws IOException {
            return Events.MAPPER.readTree(body);
        }
    }

    Response invoke(Object event) throws IOException {
        return invoke(event instanceof byte[] b ? b : Events.bytes(event));
    }

    Response invoke(byte[] event) throws IOException {
        FakeContext context = new FakeContext("req-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        JsonNode raw = Events.MAPPER.readTree(out.toByteArray());
        Map<String, String> headers = Events.MAPPER.convertValue(raw.path("headers"), new TypeReference<Map<String, String>>() {});
        return new Response(raw, raw.path("statusCode").asInt(), headers, raw.path("body").asText(), context);
    }
}
