package dev.stepsolver.emulator.apigateway;

import java.util.Map;
import java.util.Optional;

/**
 * A resource of a REST API: a path part under its parent ({@code users}, {@code {id}},
 * {@code {proxy+}}) and the methods defined on it.
 *
 * @param parentId {@code null} for the root resource
 * @param pathPart {@code null} for the root resource
 * @param path the full path, {@code /} for the root
 */
public record ResourceRecord(String id, String parentId, String pathPart, String path,
        Map<String, MethodRecord> methods) {

    public ResourceRecord {
        methods = Map.copyOf(methods);
    }

    public Optional<String> parent() {
        return Optional.ofNullable(parentId);
    }

    public Optional<MethodRecord> method(String httpMethod) {
        return Optional.ofNullable(methods.get(httpMethod));
    }

    ResourceRecord withMethods(Map<String, MethodRecord> newMethods) {
        return new ResourceRecord(id, parentId, pathPart, path, newMethods);
    }
}
