package dev.stepsolver.emulator.codeconnections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.emulator.http.DataPlaneRoute;
import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.Mappers;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.io.IOException;

/**
 * {@code /_emulator/connections/repositories}: links a repository after start, for a test or a
 * script that made a local repository and wants pipelines to see it.
 * <ul>
 * <li>{@code POST} {@code {"fullRepositoryId": "owner/repo", "location": "/path/or/file-url"}}: 200 with
 * the link, 400 for a bad body;</li>
 * <li>{@code GET}: every link;</li>
 * <li>{@code DELETE .../owner/repo}: removes a link.</li>
 * </ul>
 */
final class RepositoriesRoute {

    static final String PATH = "/_emulator/connections/repositories";

    private RepositoriesRoute() {
    }

    static DataPlaneRoute of(ConnectionsBackend backend) {
        return DataPlaneRoute.buffered(RepositoriesRoute::matches, request -> serve(backend, request));
    }

    private static boolean matches(RequestHead head) {
        return head.rawPath().equals(PATH) || head.rawPath().startsWith(PATH + "/");
    }

    private static EdgeResponse serve(ConnectionsBackend backend, EdgeRequest request) {
        String rest = request.rawPath().substring(PATH.length());
        return switch (request.method()) {
            case "GET" -> {
                ArrayNode all = Mappers.JSON.createArrayNode();
                backend.repositories().forEach(link -> all.add(json(link)));
                ObjectNode body = Mappers.JSON.createObjectNode();
                body.set("repositories", all);
                yield respond(200, body);
            }
            case "POST" -> rest.isEmpty() ? link(backend, request) : error(404, "Not found");
            case "DELETE" -> {
                if (rest.length() <= 1) {
                    yield error(404, "Not found");
                }
                String id = RequestHead.percentDecode(rest.substring(1));
                if (backend.repository(id).isEmpty()) {
                    yield error(404, "No repository is linked to " + id);
                }
                backend.unlinkRepository(id);
                yield EdgeResponse.status(204).build();
            }
            default -> error(405, "Method not allowed");
        };
    }

    private static EdgeResponse link(ConnectionsBackend backend, EdgeRequest request) {
        JsonNode body;
        try {
            body = Mappers.JSON.readTree(request.body());
        } catch (IOException e) {
            return error(400, "The body is not JSON");
        }
        if (body == null || !body.path("fullRepositoryId").isTextual() || !body.path("location").isTextual()) {
            return error(400, "Expected {\"fullRepositoryId\": \"owner/repo\", \"location\": \"PATH or file:// URL\"}");
        }
        try {
            return respond(200, json(backend.linkRepository(body.get("fullRepositoryId").asText(),
                    body.get("location").asText())));
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private static ObjectNode json(RepositoryLink link) {
        ObjectNode node = Mappers.JSON.createObjectNode();
        node.put("fullRepositoryId", link.fullRepositoryId());
        node.put("location", link.location());
        return node;
    }

    private static EdgeResponse error(int status, String message) {
        ObjectNode node = Mappers.JSON.createObjectNode();
        node.put("message", message);
        return respond(status, node);
    }

    private static EdgeResponse respond(int status, JsonNode body) {
        try {
            return EdgeResponse.status(status).body(Mappers.JSON.writeValueAsBytes(body), "application/json").build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
