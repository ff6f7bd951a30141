package dev.stepsolver.emulator.codeconnections;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CodeConnections ({@code CodeConnections_20231201}, signing name codeconnections) and CodeStar
 * Connections ({@code CodeStar_connections_20191201}, codestar-connections) over JSON 1.0, one backend
 * behind both, and {@code /_emulator/connections/repositories} to link local repositories at run time.
 */
public final class ConnectionsModule implements ServiceModule {

    static final ServiceMetadata CODECONNECTIONS = new ServiceMetadata("codeconnections",
            List.of(WireProtocol.JSON_1_0), "", Optional.of("com.amazonaws.codeconnections.CodeConnections_20231201"),
            Optional.empty(), Optional.empty(), false, ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);
    static final ServiceMetadata CODESTAR_CONNECTIONS = new ServiceMetadata("codestar-connections",
            List.of(WireProtocol.JSON_1_0), "",
            Optional.of("com.amazonaws.codestar.connections.CodeStar_connections_20191201"), Optional.empty(),
            Optional.empty(), false, ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    private final Map<String, String> repositories;

    public ConnectionsModule() {
        this(Map.of());
    }

    /** @param repositories {@code owner/repo} to a local repository's path or {@code file://} URL */
    public ConnectionsModule(Map<String, String> repositories) {
        this.repositories = Map.copyOf(repositories);
    }

    /** This module with one more configured repository. */
    public ConnectionsModule withRepository(String fullRepositoryId, String location) {
        Map<String, String> more = new LinkedHashMap<>(repositories);
        more.put(Objects.requireNonNull(fullRepositoryId), Objects.requireNonNull(location));
        return new ConnectionsModule(more);
    }

    public Map<String, String> repositories() {
        return repositories;
    }

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        ConnectionsBackend backend = new ConnectionsBackend(context.clock(), context.state(),
                context.config().region(), context.config().accountId(), repositories);
        context.registerBackend(ConnectionsBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(CODECONNECTIONS,
                () -> ConnectionsOperations.codeConnections(backend)));
        registry.addEndpoint(new ModeledServiceEndpoint(CODESTAR_CONNECTIONS,
                () -> ConnectionsOperations.codeStarConnections(backend)));
        registry.addRoute(RepositoriesRoute.of(backend));
    }
}
