package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, updates and deletes the physical resources of one resource type through the owning
 * service's backend, in process. The engine decides what to do (create, update in place, replace,
 * delete, roll back); a provider only does it. Adding a type is one class implementing this and one
 * line in {@link ResourceProviders}.
 *
 * <p>Failures are {@link dev.stepsolver.emulator.protocol.AwsException}s from the backend (reported
 * with the service's code and message) or {@link ResourceFailure}s (bad properties, a resource that
 * does not stabilize, a change the emulator cannot make).
 */
public interface ResourceProvider {

    /** The resource type, e.g. {@code AWS::S3::Bucket}. */
    String type();

    /** The attributes {@code Fn::GetAtt} may read. */
    Set<String> attributeNames();

    /** The properties whose change replaces the resource (CloudFormation's "Update requires: Replacement"). */
    Set<String> replacementProperties();

    /**
     * The property that names the physical resource, when the template may set it: a custom-named
     * resource cannot be replaced without a new name (CloudFormation refuses such an update).
     */
    default Optional<String> nameProperty() {
        return Optional.empty();
    }

    /** Whether going from {@code oldProperties} to {@code newProperties} replaces the resource. */
    default boolean requiresReplacement(JsonNode oldProperties, JsonNode newProperties) {
        for (String property : replacementProperties()) {
            if (!Objects.equals(oldProperties.get(property), newProperties.get(property))) {
                return true;
            }
        }
        return false;
    }

    /** Creates the physical resource and returns its physical id (what {@code Ref} yields). */
    String create(ResourceRequest request);

    /**
     * Waits until a resource just created is usable (a Lambda function Active), bounded; the engine
     * has recorded the physical id by then, so a resource that never stabilizes is still deleted on
     * rollback.
     *
     * @throws ResourceFailure with {@code NotStabilized} when it does not become usable
     */
    default void awaitStable(ResourceRequest request, String physicalId) {
    }

    /**
     * Changes the resource in place to {@code request.properties()}. Called for a rollback too, from
     * properties that may have been applied only in part, so it sets the whole desired state.
     */
    void update(ResourceRequest request, String physicalId, JsonNode oldProperties);

    /** Deletes the physical resource; one that is already gone is not an error. */
    void delete(ResourceRequest request, String physicalId);

    /** The resource's attributes for {@code Fn::GetAtt}, read from the owning service. */
    Map<String, JsonNode> attributes(ResourceRequest request, String physicalId);
}
