package dev.stepsolver.emulator.apigateway;

import java.time.Instant;
import java.util.Map;

/**
 * A deployment: the API's resource tree as it was when the deployment was made. Stages serve a
 * deployment, so changing the API changes nothing they serve until it is deployed again.
 *
 * @param description {@code null} for none
 */
public record DeploymentRecord(String id, String description, Instant createdDate,
        Map<String, ResourceRecord> resources) {

    public DeploymentRecord {
        resources = Map.copyOf(resources);
    }
}
