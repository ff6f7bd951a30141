package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.aws.AwsClients;
import dev.stepsolver.pipeline.aws.Sleeper;
import dev.stepsolver.pipeline.integration.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** What the commands talk to; the real ones, or fakes in tests. */
public interface Services {

    Map<String, String> environment();

    Optional<Region> region();

    CloudFormationClient cloudFormation();

    LambdaClient lambda();

    SsmClient ssm();

    EcrClient ecr();

    ApiGatewayClient apiGateway();

    HttpTransport http(Duration timeout);

    Sleeper sleeper();

    Clock clock();

    WaiterOverrideConfiguration lambdaWaiting();

    /** SDK clients from the default chains, honouring AWS_ENDPOINT_URL; each made on first use. */
    static Services aws() {
        AwsClients clients = AwsClients.fromEnvironment();
        return new Services() {
            private final Supplier<CloudFormationClient> cloudFormation = lazy(clients::cloudFormation);
            private final Supplier<LambdaClient> lambda = lazy(clients::lambda);
            private final Supplier<SsmClient> ssm = lazy(clients::ssm);
            private final Supplier<EcrClient> ecr = lazy(clients::ecr);
            private final Supplier<ApiGatewayClient> apiGateway = lazy(clients::apiGateway);

            @Override
            public Map<String, String> environment() {
                return clients.environment();
            }

            @Override
            public Optional<Region> region() {
                return clients.region();
            }

            @Override
            public CloudFormationClient cloudFormation() {
                return cloudFormation.get();
            }

            @Override
            public LambdaClient lambda() {
                return lambda.get();
            }

            @Override
            public SsmClient ssm() {
                return ssm.get();
            }

            @Override
            public EcrClient ecr() {
                return ecr.get();
            }

            @Override
            public ApiGatewayClient apiGateway() {
                return apiGateway.get();
            }

            @Override
            public HttpTransport http(Duration timeout) {
                return HttpTransport.jdk(timeout);
            }

            @Override
            public Sleeper sleeper() {
                return Sleeper.REAL;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public WaiterOverrideConfiguration lambdaWaiting() {
                return WaiterOverrideConfiguration.builder().maxAttempts(300).build();
            }
        };
    }

    private static <T> Supplier<T> lazy(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
