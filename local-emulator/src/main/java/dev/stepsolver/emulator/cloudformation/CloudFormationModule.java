package dev.stepsolver.emulator.cloudformation;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.cloudformation.pipeline.CloudFormationAction;
import dev.stepsolver.emulator.cloudformation.providers.StandardProviders;
import dev.stepsolver.emulator.codepipeline.CodePipelineBackend;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.ssm.SsmBackend;
import dev.stepsolver.emulator.state.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * CloudFormation over Query (version 2010-05-15). Installed after the services whose resources it
 * provisions: each provider calls its service's backend in process.
 */
public final class CloudFormationModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("cloudformation", List.of(WireProtocol.QUERY),
            "http://cloudformation.amazonaws.com/doc/2010-05-15/", Optional.empty(), Optional.empty(),
            Optional.empty(), false, ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    private final List<Function<EmulatorContext, ResourceProvider>> extraProviders;

    public CloudFormationModule() {
        this(List.of());
    }

    /**
     * @param extraProviders providers made from the context after the standard ones; one of a type the
     *     standard set has replaces it
     */
    public CloudFormationModule(List<Function<EmulatorContext, ResourceProvider>> extraProviders) {
        this.extraProviders = List.copyOf(extraProviders);
    }

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        List<ResourceProvider> providers = new ArrayList<>(StandardProviders.create(context));
        extraProviders.forEach(factory -> providers.add(factory.apply(context)));
        Optional<SsmBackend> ssm = context.findBackend(SsmBackend.class);
        Optional<S3Backend> s3 = context.findBackend(S3Backend.class);
        CloudFormationBackend backend = new CloudFormationBackend(context.clock(), context.state(),
                context.config().region(), context.config().accountId(), new ResourceProviders(providers),
                new CloudFormationBackend.Surroundings() {
                    @Override
                    public Optional<Parameters.StoredValue> parameter(String name) {
                        try {
                            return ssm.map(backend -> backend.get(name, false))
                                    .map(read -> new Parameters.StoredValue(read.version().type(), read.value()));
                        } catch (AwsException e) {
                            return Optional.empty();
                        }
                    }

                    @Override
                    public byte[] object(String bucket, String key) {
                        S3Backend store = s3.orElseThrow(() -> AwsException.badRequest("NoSuchBucket",
                                "S3 is not installed in this emulator"));
                        BlobStore.Blob body = store.getObject(bucket, key).body();
                        if (body.length() > TemplateReader.MAX_TEMPLATE_CHARS) {
                            throw Errors.validation("Template may not exceed " + TemplateReader.MAX_TEMPLATE_CHARS
                                    + " bytes in size.");
                        }
                        return switch (body) {
                            case BlobStore.Blob.InMemory memory -> memory.bytes();
                            case BlobStore.Blob.OnDisk disk -> {
                                try {
                                    yield Files.readAllBytes(disk.file());
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }
                        };
                    }

                    @Override
                    public Optional<String> ownHost() {
                        return context.endpointIfStarted().map(java.net.URI::getHost);
                    }
                });
        context.registerBackend(CloudFormationBackend.class, backend);
        // CloudFormation, like its resource types, depends on CodePipeline, never the other way round
        context.findBackend(CodePipelineBackend.class).ifPresent(pipelines -> pipelines.registerActionProvider(
                new CloudFormationAction(backend, context.config().region(), context::endpointIfStarted)));
        context.afterStart(backend::resumeInterrupted);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> CloudFormationOperations.table(backend)));
    }
}
