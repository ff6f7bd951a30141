package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.codeconnections.ConnectionRecord;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::CodeConnections::Connection} and its older twin {@code AWS::CodeStarConnections::Connection}:
 * physical id and {@code Ref} are the connection ARN. The emulator's connections are AVAILABLE at
 * once (there is no provider handshake to complete); the repository behind a {@code FullRepositoryId}
 * is linked in the emulator's configuration.
 */
final class ConnectionProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("ConnectionName", "ProviderType", "HostArn", "Tags");

    private final ConnectionsBackend connections;
    private final ConnectionsBackend.Api api;

    ConnectionProvider(ConnectionsBackend connections, ConnectionsBackend.Api api) {
        this.connections = connections;
        this.api = api;
    }

    @Override
    public String type() {
        return api == ConnectionsBackend.Api.CODECONNECTIONS ? "AWS::CodeConnections::Connection"
                : "AWS::CodeStarConnections::Connection";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("ConnectionArn", "ConnectionStatus", "OwnerAccountId");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ConnectionName", "ProviderType", "HostArn");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("ConnectionName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String name = props.requiredText("ConnectionName");
        return connections.createConnection(api, name, props.text("ProviderType"), props.text("HostArn"),
                props.tags()).arn();
    }

    @Override
    public void update(ResourceRequest request, String arn, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        Tagging.sync(connections.connection(arn).tags(), props.tags(), keys -> connections.untag(arn, keys),
                tags -> connections.tag(arn, tags));
    }

    @Override
    public void delete(ResourceRequest request, String arn) {
        connections.deleteConnection(arn);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String arn) {
        ConnectionRecord connection = connections.connection(arn);
        return Map.of("ConnectionArn", TextNode.valueOf(connection.arn()),
                "ConnectionStatus", TextNode.valueOf(connection.status()),
                "OwnerAccountId", TextNode.valueOf(connection.ownerAccountId()));
    }
}
