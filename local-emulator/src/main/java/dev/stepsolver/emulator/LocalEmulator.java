package dev.stepsolver.emulator;

import dev.stepsolver.emulator.apigateway.ApiGatewayModule;
import dev.stepsolver.emulator.auth.Credentials;
import dev.stepsolver.emulator.auth.SigV4Verifier;
import dev.stepsolver.emulator.cloudformation.CloudFormationModule;
import dev.stepsolver.emulator.cloudwatch.CloudWatchModule;
import dev.stepsolver.emulator.codebuild.CodeBuildModule;
import dev.stepsolver.emulator.codedeploy.CodeDeployModule;
import dev.stepsolver.emulator.codeconnections.ConnectionsModule;
import dev.stepsolver.emulator.codepipeline.CodePipelineModule;
import dev.stepsolver.emulator.ecr.EcrModule;
import dev.stepsolver.emulator.http.EdgeServer;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.iam.IamModule;
import dev.stepsolver.emulator.lambda.LambdaModule;
import dev.stepsolver.emulator.s3.S3Module;
import dev.stepsolver.emulator.ssm.SsmModule;
import dev.stepsolver.emulator.state.FileStateStore;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.sts.StsModule;
import dev.stepsolver.emulator.time.EmulatorClock;
import dev.stepsolver.emulator.time.ScaledClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An AWS-compatible endpoint on one local port. Use as a library:
 *
 * <pre>{@code
 * try (LocalEmulator emulator = LocalEmulator.builder().port(0).build().start()) {
 *     S3Client s3 = S3Client.builder().endpointOverride(emulator.endpoint())...;
 * }
 * }</pre>
 */
public final class LocalEmulator implements AutoCloseable {

    /** The services of the emulator foundation, installed in this order. */
    public static List<ServiceModule> defaultModules() {
        return List.of(new StsModule(), new IamModule(), new S3Module(), new SsmModule(), new CloudWatchModule(),
                new CodeBuildModule(), new EcrModule(), new LambdaModule(), new ApiGatewayModule(),
                new CodeDeployModule(), new ConnectionsModule(), new CodePipelineModule(), new CloudFormationModule());
    }

    private final EmulatorConfig config;
    private final Optional<Path> stateDirectory;
    private final EmulatorClock clock;
    private final List<ServiceModule> modules;
    private EmulatorContext context;
    private EdgeServer server;

    private LocalEmulator(Builder builder) {
        this.config = new EmulatorConfig(builder.host, builder.port, builder.region, builder.accountId,
                builder.credentials.isEmpty()
                        ? List.of(new Credentials("test", "test", builder.accountId))
                        : builder.credentials);
        this.stateDirectory = Optional.ofNullable(builder.stateDirectory);
        this.clock = builder.clock != null ? builder.clock : new ScaledClock(1.0);
        this.modules = List.copyOf(builder.modules);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads state, installs the services and starts listening.
     *
     * @throws dev.stepsolver.emulator.state.StateCorruptedException when a state file cannot be read
     * @throws IllegalStateException when the port cannot be bound
     */
    public synchronized LocalEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        ServiceRegistry registry = new ServiceRegistry();
        SigV4Verifier verifier = new SigV4Verifier(config::credentialsFor, Clock.systemUTC());
        // The HTTP server starts while the services load (two cores, half the start-up time); it holds
        // requests until the registry is marked ready.
        CompletableFuture<EdgeServer> starting = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                EdgeServer newServer = new EdgeServer(config.host(), config.port(), registry, verifier);
                newServer.start();
                starting.complete(newServer);
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "edge-start");
        starter.setDaemon(true);
        starter.start();
        EmulatorContext newContext = null;
        try {
            StateStore state = stateDirectory.<StateStore>map(FileStateStore::open).orElseGet(StateStore::inMemory);
            newContext = new EmulatorContext(config, clock, state);
            for (ServiceModule module : modules) {
                module.install(newContext, registry);
            }
            EdgeServer newServer = join(starting);
            // Published before requests are let through, so no service ever sees a request without it.
            newContext.endpoint(newServer.endpoint());
            registry.markReady();
            context = newContext;
            server = newServer;
            newContext.runAfterStart();
            return this;
        } catch (RuntimeException e) {
            if (newContext != null) {
                newContext.close();
            }
            starting.thenAccept(LocalEmulator::closeQuietly);
            throw e;
        }
    }

    private EdgeServer join(CompletableFuture<EdgeServer> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("Cannot listen on " + config.host() + ":" + config.port() + ": "
                    + cause.getMessage(), cause);
        }
    }

    private static void closeQuietly(EdgeServer server) {
        try {
            server.close();
        } catch (RuntimeException e) {
            // already failing start-up; the original error is the one reported
        }
    }

    /** The base URL to give SDKs ({@code endpointOverride}) and the CLI ({@code AWS_ENDPOINT_URL}). */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.endpoint();
    }

    /** The running emulator's shared context: clock, config, backends. */
    public synchronized EmulatorContext context() {
        if (context == null) {
            throw new IllegalStateException("not started");
        }
        return context;
    }

    public EmulatorConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        try {
            if (context != null) {
                context.runBeforeStop();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (context != null) {
                context.close();
                context = null;
            }
            clock.close();
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 4566;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private Path stateDirectory;
        private EmulatorClock clock;
        private final List<Credentials> credentials = new ArrayList<>();
        private final List<ServiceModule> modules = new ArrayList<>(defaultModules());

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value);
            return this;
        }

        /** 0 picks a free port; read it back from {@link LocalEmulator#endpoint()}. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder region(String value) {
            this.region = Objects.requireNonNull(value);
            return this;
        }

        public Builder accountId(String value) {
            this.accountId = Objects.requireNonNull(value);
            return this;
        }

        /** Keeps state durably under {@code directory}; without it state lives in memory only. */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory);
            return this;
        }

        /** The clock every service uses (a {@link dev.stepsolver.emulator.time.ManualClock} in tests). */
        public Builder clock(EmulatorClock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Accepts this access key (instead of the default test/test); may be called several times. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.credentials.add(new Credentials(accessKeyId, secretAccessKey, accountId));
            return this;
        }

        /** Installs one more service after the default ones. */
        public Builder module(ServiceModule module) {
            this.modules.add(Objects.requireNonNull(module));
            return this;
        }

        /**
         * Links {@code owner/repo} to a local git repository (a path or {@code file://} URL): CodeConnections
         * source actions and triggers read that repository as the provider's.
         */
        public Builder repository(String fullRepositoryId, String location) {
            for (int i = 0; i < modules.size(); i++) {
                if (modules.get(i) instanceof ConnectionsModule connections) {
                    modules.set(i, connections.withRepository(fullRepositoryId, location));
                    return this;
                }
            }
            throw new IllegalStateException("CodeConnections is not installed");
        }

        /** Installs {@code module} in place of the default module of the same class (to configure it). */
        public Builder replaceModule(ServiceModule module) {
            for (int i = 0; i < modules.size(); i++) {
                if (modules.get(i).getClass() == module.getClass()) {
                    modules.set(i, module);
                    return this;
                }
            }
            throw new IllegalArgumentException("no default module of " + module.getClass().getSimpleName());
        }

        public LocalEmulator build() {
            return new LocalEmulator(this);
        }
    }
}
