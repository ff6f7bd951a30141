package dev.stepsolver.emulator.cloudformation.providers;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.codebuild.CodeBuildBackend;
import dev.stepsolver.emulator.ecr.EcrBackend;
import dev.stepsolver.emulator.iam.IamBackend;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.ssm.SsmBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource providers of the services installed in this emulator: a type whose service is not
 * installed has none, and a stack using it fails with "Unsupported resource type".
 */
public final class StandardProviders {

    private StandardProviders() {
    }

    public static List<ResourceProvider> create(EmulatorContext context) {
        List<ResourceProvider> providers = new ArrayList<>();
        context.findBackend(S3Backend.class).ifPresent(s3 -> providers.add(new S3BucketProvider(s3)));
        context.findBackend(EcrBackend.class).ifPresent(ecr -> providers.add(new EcrRepositoryProvider(ecr)));
        context.findBackend(IamBackend.class).ifPresent(iam -> {
            providers.add(new IamRoleProvider(iam));
            providers.add(new IamPolicyProvider(iam));
        });
        context.findBackend(LambdaBackend.class).ifPresent(lambda -> {
            providers.add(new LambdaFunctionProvider(lambda));
            providers.add(new LambdaVersionProvider(lambda));
            providers.add(new LambdaAliasProvider(lambda));
            providers.add(new LambdaPermissionProvider(lambda));
        });
        context.findBackend(SsmBackend.class).ifPresent(ssm -> providers.add(new SsmParameterProvider(ssm)));
        context.findBackend(CloudWatchBackend.class).ifPresent(cw -> providers.add(new CloudWatchAlarmProvider(cw)));
        context.findBackend(CodeBuildBackend.class).ifPresent(codeBuild -> {
            providers.add(new CodeBuildProjectProvider(codeBuild));
            providers.add(new CodeBuildReportGroupProvider(codeBuild));
        });
        return providers;
    }
}
