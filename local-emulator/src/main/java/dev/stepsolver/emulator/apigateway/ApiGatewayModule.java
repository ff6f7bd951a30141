package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.protocol.RestJsonEndpoint;
import java.util.Optional;

/**
 * API Gateway REST APIs: the control plane over REST-JSON (signing name {@code apigateway}) and the
 * execute-api data plane, which invokes Lambda in-process and records metrics into CloudWatch.
 */
public final class ApiGatewayModule implements ServiceModule {

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        ApiGatewayBackend backend = new ApiGatewayBackend(context.clock(), context.state(),
                context.config().accountId());
        context.registerBackend(ApiGatewayBackend.class, backend);
        LambdaBackend lambda = context.backend(LambdaBackend.class);
        Optional<ApiGatewayMetrics> metrics = context.findBackend(CloudWatchBackend.class)
                .map(cloudWatch -> new ApiGatewayMetrics(cloudWatch, context.clock()));
        ExecuteApi executeApi = new ExecuteApi(backend, (functionArn, payload) -> lambda.invoke(functionArn,
                Optional.empty(), payload), metrics);
        context.registerBackend(ExecuteApi.class, executeApi);
        registry.addRoute(new ExecuteApiRoute(executeApi));
        registry.addEndpoint(new RestJsonEndpoint("apigateway", () -> ApiGatewayOperations.routes(backend)));
    }
}
