package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.EmulatorConfig;
import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.auth.Credentials;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.ssm.SsmBackend;
import java.util.List;
import java.util.Optional;

/**
 * CodeBuild over JSON 1.1 ({@code CodeBuild_20161006.*}), and its build logs on
 * {@code /_emulator/codebuild/logs/}. Needs S3 (sources, artifacts) installed before it; uses SSM
 * for parameter-store variables when it is installed.
 */
public final class CodeBuildModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("codebuild", List.of(WireProtocol.JSON_1_1), "",
            Optional.of("CodeBuild_20161006"), Optional.empty(), Optional.empty(), false,
            ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    private final CodeBuildSettings settings;

    /** Settings from {@link CodeBuildSettings#fromSystemProperties()}. */
    public CodeBuildModule() {
        this(CodeBuildSettings.fromSystemProperties());
    }

    public CodeBuildModule(CodeBuildSettings settings) {
        this.settings = settings;
    }

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        EmulatorConfig config = context.config();
        // Builds sign their calls with the emulator's first access key, which it always accepts.
        Credentials credentials = config.credentials().get(0);
        EmulatorAccess access = new EmulatorAccess(config.region(), credentials.accountId(),
                credentials.accessKeyId(), credentials.secretAccessKey(), () -> Optional.of(context.endpoint()));
        CodeBuildBackend backend = new CodeBuildBackend(context.clock(), context.state(),
                context.backend(S3Backend.class), context.findBackend(SsmBackend.class), access, settings);
        context.registerBackend(CodeBuildBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> CodeBuildOperations.table(backend,
                () -> Optional.of(context.endpoint()))));
        registry.addRoute(BuildLogRoute.of(backend));
    }
}
