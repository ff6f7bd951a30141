package dev.stepsolver.emulator.codepipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codeconnections.GitAccessException;
import dev.stepsolver.emulator.http.DataPlaneRoute;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.Mappers;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code POST /_emulator/codepipeline/webhooks/{pipelineName}}: a GitHub push event. The body must be
 * signed with the configured secret ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}):
 * a missing signature is 401, a wrong one (or no secret configured) 403, and neither starts anything.
 * A signed push is matched against the pipeline's source actions and trigger filters; the changed files
 * are those the event's commits list, or, when it lists none, the difference between {@code before} and
 * {@code after} in the connected repository. A {@code ping} event answers 200.
 */
final class WebhookRoute {

    static final String PATH = "/_emulator/codepipeline/webhooks/";
    private static final int MAX_FILES = 100_000;

    private WebhookRoute() {
    }

    static DataPlaneRoute of(CodePipelineBackend backend, Optional<ConnectionsBackend> connections,
            Optional<String> secret) {
        return DataPlaneRoute.buffered(head -> head.rawPath().startsWith(PATH),
                request -> serve(backend, connections, secret, request));
    }

    private static EdgeResponse serve(CodePipelineBackend backend, Optional<ConnectionsBackend> connections,
            Optional<String> secret, EdgeRequest request) {
        if (!"POST".equals(request.method())) {
            return message(405, "Use POST");
        }
        String pipelineName = RequestHead.percentDecode(request.rawPath().substring(PATH.length()));
        Optional<String> signature = request.header("X-Hub-Signature-256");
        if (signature.isEmpty()) {
            return message(401, "Missing X-Hub-Signature-256");
        }
        if (secret.isEmpty()) {
            return message(403, "No webhook secret is configured in the emulator; webhooks are refused");
        }
        if (!validSignature(secret.get(), request.body(), signature.get())) {
            return message(403, "The X-Hub-Signature-256 signature does not match the body");
        }
        String event = request.header("X-GitHub-Event").orElse("push");
        if ("ping".equals(event)) {
            return message(200, "pong");
        }
        if (!"push".equals(event)) {
            return message(202, "Ignored event " + event);
        }
        JsonNode body;
        try {
            body = Mappers.JSON.readTree(request.body());
        } catch (IOException e) {
            return message(400, "The body is not JSON");
        }
        String ref = body == null ? "" : body.path("ref").asText("");
        String after = body == null ? "" : body.path("after").asText("");
        String repository = body == null ? "" : body.path("repository").path("full_name").asText("");
        if (!ref.startsWith("refs/heads/") || after.isEmpty() || repository.isEmpty()) {
            return message(400, "Expected a push event with ref refs/heads/<branch>, after and repository.full_name");
        }
        String branch = ref.substring("refs/heads/".length());
        Optional<String> before = Optional.of(body.path("before").asText("")).filter(b -> !b.isEmpty()
                && !b.matches("0+"));
        Set<String> changed = new LinkedHashSet<>();
        for (JsonNode commit : body.path("commits")) {
            for (String kind : List.of("added", "removed", "modified")) {
                for (JsonNode file : commit.path(kind)) {
                    if (changed.size() < MAX_FILES) {
                        changed.add(file.asText());
                    }
                }
            }
        }
        if (changed.isEmpty() && connections.isPresent()) {
            try {
                changed.addAll(connections.get().open(repository).changedFiles(before, after));
            } catch (GitAccessException e) {
                return message(422, "The push lists no files and the repository cannot be read: " + e.getMessage());
            }
        }
        List<ExecutionRecord> started;
        try {
            started = backend.onPush(pipelineName, new PushEvent(repository, branch, before, after, changed));
        } catch (AwsException e) {
            return message(404, e.getMessage());
        }
        ObjectNode response = Mappers.JSON.createObjectNode();
        ArrayNode ids = response.putArray("pipelineExecutionIds");
        started.forEach(execution -> ids.add(execution.id()));
        response.put("message", started.isEmpty() ? "No execution started: no source action of " + pipelineName
                + " on " + repository + " accepts this push" : "Started");
        return json(200, response);
    }

    static boolean validSignature(String secret, byte[] body, String header) {
        if (!header.startsWith("sha256=")) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static EdgeResponse message(int status, String text) {
        ObjectNode node = Mappers.JSON.createObjectNode();
        node.put("message", text);
        return json(status, node);
    }

    private static EdgeResponse json(int status, JsonNode body) {
        try {
            return EdgeResponse.status(status).body(Mappers.JSON.writeValueAsBytes(body), "application/json").build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
