package dev.stepsolver.pipeline.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SDK clients with the default credential and region chains (or the keys of the environment map
 * given), pointed at
 * {@code AWS_ENDPOINT_URL} when it is set (the emulator, inside its CodeBuild or from a shell),
 * so the same commands work against AWS and any compatible endpoint.
 */
public final class AwsClients {

    private final Map<String, String> environment;

    public AwsClients(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(System.getenv());
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Optional<URI> endpoint() {
        String url = environment.getOrDefault("AWS_ENDPOINT_URL", "");
        return url.isBlank() ? Optional.empty() : Optional.of(URI.create(url));
    }

    /** The region of the default chain (AWS_REGION, profile, instance metadata), if any. */
    public Optional<Region> region() {
        String fromEnv = environment.getOrDefault("AWS_REGION", environment.getOrDefault("AWS_DEFAULT_REGION", ""));
        if (!fromEnv.isBlank()) {
            return Optional.of(Region.of(fromEnv));
        }
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    /**
     * Keys given in this environment (as an embedding program passes them), else empty: the SDK's
     * default chain then reads the process's own environment, system properties, profiles...
     */
    public Optional<AwsCredentialsProvider> credentials() {
        String accessKey = environment.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secretKey = environment.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        if (accessKey.isBlank() || secretKey.isBlank()) {
            return Optional.empty();
        }
        String session = environment.getOrDefault("AWS_SESSION_TOKEN", "");
        return Optional.of(StaticCredentialsProvider.create(session.isBlank()
                ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, session)));
    }

    private <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
        endpoint().ifPresent(builder::endpointOverride);
        region().ifPresent(builder::region);
        credentials().ifPresent(builder::credentialsProvider);
        return builder.build();
    }

    public CloudFormationClient cloudFormation() {
        return build(CloudFormationClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()));
    }

    public LambdaClient lambda() {
        return build(LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()));
    }

    public SsmClient ssm() {
        return build(SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()));
    }

    public EcrClient ecr() {
        return build(EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()));
    }

    public ApiGatewayClient apiGateway() {
        return build(ApiGatewayClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()));
    }
}
