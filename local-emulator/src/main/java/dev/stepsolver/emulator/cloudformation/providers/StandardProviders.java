package dev.stepsolver.emulator.cloudformation.providers;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.codebuild.CodeBuildBackend;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.codepipeline.CodePipelineBackend;
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
        context.findBackend(ApiGatewayBackend.class).ifPresent(apiGateway -> {
            providers.add(new ApiGatewayRestApiProvider(apiGateway));
            providers.add(new ApiGatewayMethodProvider(apiGateway));
            providers.add(new ApiGatewayDeploymentProvider(apiGateway));
            providers.add(new ApiGatewayStageProvider(apiGateway));
            providers.add(new ApiGatewayApiKeyProvider(apiGateway));
            providers.add(new ApiGatewayUsagePlanProvider(apiGateway));
            providers.add(new ApiGatewayUsagePlanKeyProvider(apiGateway));
        });
        context.findBackend(CodeDeployBackend.class).ifPresent(codeDeploy -> {
            providers.add(new CodeDeployApplicationProvider(codeDeploy));
            providers.add(new CodeDeployDeploymentConfigProvider(codeDeploy));
            providers.add(new CodeDeployDeploymentGroupProvider(codeDeploy));
        });
        context.findBackend(ConnectionsBackend.class).ifPresent(connections -> {
            providers.add(new ConnectionProvider(connections, ConnectionsBackend.Api.CODECONNECTIONS));
            providers.add(new ConnectionProvider(connections, ConnectionsBackend.Api.CODESTAR_CONNECTIONS));
        });
        context.findBackend(CodePipelineBackend.class).ifPresent(codePipeline -> providers.add(
                new CodePipelinePipelineProvider(codePipeline)));
        return providers;
    }
}
