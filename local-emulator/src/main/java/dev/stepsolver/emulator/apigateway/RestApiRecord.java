package dev.stepsolver.emulator.apigateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST API as stored, with everything that belongs to it: its resource tree (methods and
 * integrations inside), its deployments (each a frozen copy of the tree) and its stages.
 * Immutable: every change stores a new record, so the data plane reads it without locks.
 *
 * @param description {@code null} for none
 */
public record RestApiRecord(String id, String name, String description, Instant createdDate, String apiKeySource,
        List<String> endpointTypes, List<String> binaryMediaTypes, boolean disableExecuteApiEndpoint,
        Map<String, String> tags, String rootResourceId, Map<String, ResourceRecord> resources,
        Map<String, DeploymentRecord> deployments, Map<String, StageRecord> stages) {

    public RestApiRecord {
        endpointTypes = List.copyOf(endpointTypes);
        binaryMediaTypes = List.copyOf(binaryMediaTypes);
        tags = Map.copyOf(tags);
        resources = Map.copyOf(resources);
        deployments = Map.copyOf(deployments);
        stages = Map.copyOf(stages);
    }

    public Optional<String> describedAs() {
        return Optional.ofNullable(description);
    }

    public Optional<StageRecord> stage(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    public Optional<DeploymentRecord> deployment(String deploymentId) {
        return Optional.ofNullable(deployments.get(deploymentId));
    }

    RestApiRecord withResources(Map<String, ResourceRecord> newResources) {
        return new RestApiRecord(id, name, description, createdDate, apiKeySource, endpointTypes, binaryMediaTypes,
                disableExecuteApiEndpoint, tags, rootResourceId, newResources, deployments, stages);
    }

    RestApiRecord withDeployments(Map<String, DeploymentRecord> newDeployments) {
        return new RestApiRecord(id, name, description, createdDate, apiKeySource, endpointTypes, binaryMediaTypes,
                disableExecuteApiEndpoint, tags, rootResourceId, resources, newDeployments, stages);
    }

    RestApiRecord withStages(Map<String, StageRecord> newStages) {
        return new RestApiRecord(id, name, description, createdDate, apiKeySource, endpointTypes, binaryMediaTypes,
                disableExecuteApiEndpoint, tags, rootResourceId, resources, deployments, newStages);
    }
}
