package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.protocol.RequestHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches request paths to the resources of one deployment as API Gateway does: literal path parts
 * before a {@code {variable}} part, a variable before a greedy {@code {name+}} part (which takes one
 * or more remaining segments, never none), the request's method before {@code ANY}; a trailing
 * slash is ignored. When the most specific resource has no method for the request, a less specific
 * one that has is used. Built once per deployment (deployments never change).
 */
final class RouteTable {

    /** Bound on path segments examined, so no request path costs more than a short walk. */
    private static final int MAX_SEGMENTS = 256;

    /** A matched route: the resource, its method, and the path parameters (decoded). */
    record Match(ResourceRecord resource, MethodRecord method, Map<String, String> pathParameters) {
    }

    private static final class Node {
        final ResourceRecord resource;
        final Map<String, Node> literals = new HashMap<>();
        Node variable;
        String variableName;
        Node greedy;
        String greedyName;

        Node(ResourceRecord resource) {
            this.resource = resource;
        }
    }

    private final Node root;

    private RouteTable(Node root) {
        this.root = root;
    }

    /** The table of a deployment's resources (the root is the one without a parent). */
    static RouteTable of(Map<String, ResourceRecord> resources) {
        Map<String, Node> nodes = new HashMap<>();
        resources.values().forEach(r -> nodes.put(r.id(), new Node(r)));
        Node root = null;
        for (ResourceRecord resource : resources.values()) {
            Node node = nodes.get(resource.id());
            if (resource.parentId() == null) {
                root = node;
                continue;
            }
            Node parent = nodes.get(resource.parentId());
            if (parent == null) {
                continue;
            }
            String part = resource.pathPart();
            if (part.startsWith("{") && part.endsWith("+}")) {
                parent.greedy = node;
                parent.greedyName = part.substring(1, part.length() - 2);
            } else if (part.startsWith("{") && part.endsWith("}")) {
                parent.variable = node;
                parent.variableName = part.substring(1, part.length() - 1);
            } else {
                parent.literals.put(part, node);
            }
        }
        return new RouteTable(root);
    }

    /**
     * The route for {@code httpMethod} on {@code rawPath} (the path after the stage, percent-encoded
     * as sent), if the deployment has one.
     */
    Optional<Match> match(String httpMethod, String rawPath) {
        if (root == null) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>(Arrays.asList(rawPath.split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (!segments.isEmpty() && segments.getLast().isEmpty()) {
            segments.removeLast();
        }
        if (segments.size() > MAX_SEGMENTS) {
            return Optional.empty();
        }
        return walk(root, segments, 0, httpMethod, new LinkedHashMap<>());
    }

    private Optional<Match> walk(Node node, List<String> segments, int index, String httpMethod,
            Map<String, String> parameters) {
        if (index == segments.size()) {
            return methodOf(node, httpMethod).map(m -> new Match(node.resource, m, Map.copyOf(parameters)));
        }
        String segment = RequestHead.percentDecode(segments.get(index));
        Node literal = node.literals.get(segment);
        if (literal != null) {
            Optional<Match> found = walk(literal, segments, index + 1, httpMethod, parameters);
            if (found.isPresent()) {
                return found;
            }
        }
        if (node.variable != null && !segment.isEmpty()) {
            parameters.put(node.variableName, segment);
            Optional<Match> found = walk(node.variable, segments, index + 1, httpMethod, parameters);
            if (found.isPresent()) {
                return found;
            }
            parameters.remove(node.variableName);
        }
        if (node.greedy != null) {
            Optional<MethodRecord> method = methodOf(node.greedy, httpMethod);
            if (method.isPresent()) {
                List<String> rest = new ArrayList<>();
                for (String part : segments.subList(index, segments.size())) {
                    rest.add(RequestHead.percentDecode(part));
                }
                Map<String, String> withRest = new LinkedHashMap<>(parameters);
                withRest.put(node.greedyName, String.join("/", rest));
                return Optional.of(new Match(node.greedy.resource, method.get(), Map.copyOf(withRest)));
            }
        }
        return Optional.empty();
    }

    private static Optional<MethodRecord> methodOf(Node node, String httpMethod) {
        MethodRecord exact = node.resource.methods().get(httpMethod);
        return Optional.ofNullable(exact != null ? exact : node.resource.methods().get("ANY"));
    }
}
