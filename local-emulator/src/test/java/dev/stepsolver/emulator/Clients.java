package dev.stepsolver.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** SDK v2 clients pointed at an emulator the way users point them: endpoint override, test/test, us-east-1. */
public final class Clients {

    private Clients() {
    }

    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, String accessKey,
            String secret) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)));
    }

    public static StsClient sts(URI endpoint) {
        return configure(StsClient.builder(), endpoint, "test", "test").httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public static StsClient sts(URI endpoint, String accessKey, String secret) {
        return configure(StsClient.builder(), endpoint, accessKey, secret)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static IamClient iam(URI endpoint) {
        return configure(IamClient.builder(), endpoint, "test", "test").region(Region.AWS_GLOBAL)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static S3Client s3(URI endpoint) {
        return configure(S3Client.builder(), endpoint, "test", "test").forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static SsmClient ssm(URI endpoint) {
        return configure(SsmClient.builder(), endpoint, "test", "test").httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public static SsmClient ssm(URI endpoint, String accessKey, String secret) {
        return configure(SsmClient.builder(), endpoint, accessKey, secret)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static CloudWatchClient cloudWatch(URI endpoint) {
        return configure(CloudWatchClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static EcrClient ecr(URI endpoint) {
        return configure(EcrClient.builder(), endpoint, "test", "test").httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public static CloudFormationClient cloudFormation(URI endpoint) {
        return configure(CloudFormationClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static CodeBuildClient codeBuild(URI endpoint) {
        return configure(CodeBuildClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static LambdaClient lambda(URI endpoint) {
        return configure(LambdaClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)
                        .socketTimeout(java.time.Duration.ofSeconds(60)))
                .build();
    }

    public static CodeDeployClient codeDeploy(URI endpoint) {
        return configure(CodeDeployClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static ApiGatewayClient apiGateway(URI endpoint) {
        return configure(ApiGatewayClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static CodePipelineClient codePipeline(URI endpoint) {
        return configure(CodePipelineClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static CodeConnectionsClient codeConnections(URI endpoint) {
        return configure(CodeConnectionsClient.builder(), endpoint, "test", "test")
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }
}
