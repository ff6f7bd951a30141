package dev.stepsolver.emulator.codedeploy;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import dev.stepsolver.emulator.s3.S3Backend;
import java.util.List;
import java.util.Optional;

/**
 * CodeDeploy over JSON 1.1 ({@code CodeDeploy_20141006.*}) for the Lambda compute platform. Needs
 * Lambda installed before it; watches alarms in CloudWatch and reads S3 revisions when those are
 * installed.
 */
public final class CodeDeployModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("codedeploy", List.of(WireProtocol.JSON_1_1), "",
            Optional.of("CodeDeploy_20141006"), Optional.empty(), Optional.empty(), false,
            ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        CodeDeployBackend backend = new CodeDeployBackend(context.clock(), context.state(), context.config().region(),
                context.config().accountId(), context.backend(LambdaBackend.class),
                context.findBackend(CloudWatchBackend.class), context.findBackend(S3Backend.class));
        context.registerBackend(CodeDeployBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> CodeDeployOperations.table(backend)));
    }
}
