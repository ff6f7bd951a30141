package dev.stepsolver.emulator.codepipeline;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.codebuild.CodeBuildBackend;
import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import dev.stepsolver.emulator.s3.S3Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * CodePipeline over JSON 1.1 ({@code CodePipeline_20150709.*}) and its push webhooks on
 * {@code /_emulator/codepipeline/webhooks/{pipelineName}}. Installed after the services its actions use:
 * S3 (required: the artifact store), CodeConnections (source actions and triggers), CodeBuild, CodeDeploy,
 * Lambda and CloudWatch, each action provider registered when its service is installed. CloudFormation is
 * installed after CodePipeline (its resource types include the pipeline's own) and registers the
 * CloudFormation deploy action itself, so the dependency goes one way only.
 */
public final class CodePipelineModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("codepipeline", List.of(WireProtocol.JSON_1_1), "",
            Optional.of("CodePipeline_20150709"), Optional.empty(), Optional.empty(), false,
            ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    private final CodePipelineSettings settings;

    public CodePipelineModule() {
        this(CodePipelineSettings.defaults());
    }

    public CodePipelineModule(CodePipelineSettings settings) {
        this.settings = settings;
    }

    public CodePipelineSettings settings() {
        return settings;
    }

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        Optional<ConnectionsBackend> connections = context.findBackend(ConnectionsBackend.class);
        CodePipelineBackend backend = new CodePipelineBackend(context.clock(), context.state(),
                context.config().region(), context.config().accountId(), context.backend(S3Backend.class),
                connections, settings);
        context.registerBackend(CodePipelineBackend.class, backend);
        connections.ifPresent(c -> backend.registerActionProvider(new CodeStarSourceAction(c, scratch())));
        context.findBackend(CodeBuildBackend.class).ifPresent(codeBuild -> backend.registerActionProvider(
                new CodeBuildAction(codeBuild, () -> Optional.of(context.endpoint()))));
        context.findBackend(LambdaBackend.class).ifPresent(lambda -> backend.registerActionProvider(
                new LambdaDeployAction(lambda, context.findBackend(CloudWatchBackend.class), context.clock())));
        context.findBackend(CodeDeployBackend.class).ifPresent(codeDeploy -> backend.registerActionProvider(
                new CodeDeployAction(codeDeploy, context.config().region())));
        backend.registerActionProvider(new ManualApprovalAction(backend.approvals(), context.clock()));
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> CodePipelineOperations.table(backend)));
        registry.addRoute(WebhookRoute.of(backend, connections, settings.webhookSecret()));
    }

    /** A temporary directory for clones, made on first use. */
    private static Supplier<Path> scratch() {
        return new Supplier<>() {
            private Path directory;

            @Override
            public synchronized Path get() {
                if (directory == null) {
                    try {
                        directory = Files.createTempDirectory("stepsolver-codepipeline-");
                        directory.toFile().deleteOnExit();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return directory;
            }
        };
    }
}
