package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.aws.Sleeper;
import dev.stepsolver.pipeline.deploy.FakeApiKeyStore;
import dev.stepsolver.pipeline.deploy.FakeCloudFormation;
import dev.stepsolver.pipeline.ecr.FakeEcr;
import dev.stepsolver.pipeline.integration.HttpTransport;
import dev.stepsolver.pipeline.publish.FakeLambda;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The commands' view of AWS, made of the in-test fakes; sleeping is recorded, not done. */
final class FakeServices implements Services {

    final Map<String, String> environment = new HashMap<>();
    final FakeLambda lambda = new FakeLambda("stepsolver-solver");
    final FakeApiKeyStore keys = new FakeApiKeyStore();
    final FakeCloudFormation cloudFormation = new FakeCloudFormation("stepsolver");
    final List<Duration> sleeps = new ArrayList<>();
    EcrClient ecr = FakeEcr.issuing("pw", "https://123456789012.dkr.ecr.us-east-1.amazonaws.com");
    Optional<Region> region = Optional.of(Region.US_EAST_1);

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Optional<Region> region() {
        return region;
    }

    @Override
    public CloudFormationClient cloudFormation() {
        return cloudFormation;
    }

    @Override
    public LambdaClient lambda() {
        return lambda;
    }

    @Override
    public SsmClient ssm() {
        return keys.ssm;
    }

    @Override
    public EcrClient ecr() {
        return ecr;
    }

    @Override
    public ApiGatewayClient apiGateway() {
        return keys.apiGateway;
    }

    @Override
    public HttpTransport http(Duration timeout) {
        return HttpTransport.jdk(timeout);
    }

    @Override
    public Sleeper sleeper() {
        return sleeps::add;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    }

    @Override
    public WaiterOverrideConfiguration lambdaWaiting() {
        return WaiterOverrideConfiguration.builder().maxAttempts(5).backoffStrategyV2(BackoffStrategy.retryImmediately()).build();
    }
}
