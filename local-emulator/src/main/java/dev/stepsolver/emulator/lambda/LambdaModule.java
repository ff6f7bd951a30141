package dev.stepsolver.emulator.lambda;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.auth.Credentials;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.ecr.EcrBackend;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.lambda.runtime.FunctionRuntime;
import dev.stepsolver.emulator.lambda.runtime.ImageCache;
import dev.stepsolver.emulator.lambda.runtime.RuntimeApiRoute;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.ModelJson;
import dev.stepsolver.emulator.protocol.RestJsonEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasRequest;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteAliasRequest;
import software.amazon.awssdk.services.lambda.model.DeleteAliasResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasRequest;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListAliasesRequest;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionRequest;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PublishVersionRequest;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Lambda over REST-JSON, and the Runtime API its function processes talk to. */
public final class LambdaModule implements ServiceModule {

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS+0000", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final LambdaSettings settings;

    public LambdaModule() {
        this(LambdaSettings.defaults());
    }

    public LambdaModule(LambdaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        EcrBackend ecr = context.backend(EcrBackend.class);
        Path cache;
        boolean temporary = settings.cacheDirectory().isEmpty();
        try {
            cache = temporary ? Files.createTempDirectory("lambda-cache") : Files.createDirectories(
                    settings.cacheDirectory().get());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Lambda cache directory", e);
        }
        Credentials credentials = context.config().credentials().get(0);
        FunctionRuntime runtime = new FunctionRuntime(new FunctionRuntime.Settings(settings.concurrencyLimit(),
                settings.idleTimeout(), settings.initTimeout(), cache, settings.startupCache()),
                new FunctionRuntime.Surroundings(context.config().region(), credentials.accessKeyId(),
                        credentials.secretAccessKey(), context::endpoint), context.clock());
        Optional<LambdaMetrics> metrics = context.findBackend(CloudWatchBackend.class)
                .map(cloudWatch -> new LambdaMetrics(cloudWatch, context.clock()));
        Random routing = settings.routingSeed().isPresent() ? new Random(settings.routingSeed().getAsLong())
                : new Random();
        LambdaBackend backend = new LambdaBackend(context.clock(), context.state(), context.config().region(),
                context.config().accountId(), ecr, runtime, new ImageCache(ecr, cache), metrics, routing,
                () -> {
                    if (temporary) {
                        deleteQuietly(cache);
                    }
                });
        context.registerBackend(LambdaBackend.class, backend);
        // function processes hold Runtime API long polls open: end them before the HTTP server stops
        context.beforeStop(runtime::close);
        registry.addRoute(new RuntimeApiRoute(runtime));
        registry.addEndpoint(new RestJsonEndpoint("lambda", () -> routes(backend)));
    }

    private static void deleteQuietly(Path directory) {
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }

    static List<RestJsonEndpoint.Route> routes(LambdaBackend backend) {
        return List.of(
                RestJsonEndpoint.route("POST", FUNCTIONS, "CreateFunction", 201, CreateFunctionRequest::builder,
                        (CreateFunctionRequest in, AwsCall call) -> {
                            if (in.packageType() != null && !"Image".equals(in.packageTypeAsString())) {
                                throw LambdaBackend.invalid("This emulator runs container-image functions only"
                                        + " (PackageType Image).");
                            }
                            if (in.code() == null || in.code().imageUri() == null) {
                                throw LambdaBackend.invalid("Please provide ImageUri when using PackageType Image.");
                            }
                            FunctionRecord created = backend.createFunction(require(in.functionName(), "functionName"),
                                    in.code().imageUri(), configuration(in.role(), in.timeout(), in.memorySize(),
                                            in.environment() == null ? null : in.environment().variables(),
                                            in.description(), in.imageConfig()), in.architecturesAsStrings(),
                                    Boolean.TRUE.equals(in.publish()));
                            return convert(configuration(backend, created.latest()), CreateFunctionResponse::builder);
                        }),
                RestJsonEndpoint.route("GET", FUNCTIONS + "/", "ListFunctions", 200, ListFunctionsRequest::builder,
                        (ListFunctionsRequest in, AwsCall call) -> ListFunctionsResponse.builder()
                                .functions(backend.functions().stream().map(f -> configuration(backend, f.latest()))
                                        .toList()).build()),
                RestJsonEndpoint.route("GET", FUNCTIONS + "/{FunctionName}", "GetFunction", 200,
                        GetFunctionRequest::builder, (GetFunctionRequest in, AwsCall call) -> {
                            FunctionVersion version = backend.configuration(in.functionName(),
                                    Optional.ofNullable(in.qualifier()));
                            FunctionRecord function = backend.function(in.functionName());
                            return GetFunctionResponse.builder()
                                    .configuration(configuration(backend, version))
                                    .code(c -> c.repositoryType("ECR").imageUri(version.imageUri())
                                            .resolvedImageUri(backend.resolvedImageUri(version)))
                                    .concurrency(function.reserved().map(r -> (java.util.function.Consumer<
                                            software.amazon.awssdk.services.lambda.model.Concurrency.Builder>)
                                            c -> c.reservedConcurrentExecutions(r)).orElse(c -> { }))
                                    .build();
                        }),
                RestJsonEndpoint.route("DELETE", FUNCTIONS + "/{FunctionName}", "DeleteFunction", 204,
                        DeleteFunctionRequest::builder, (DeleteFunctionRequest in, AwsCall call) -> {
                            backend.deleteFunction(in.functionName(), Optional.ofNullable(in.qualifier()));
                            return DeleteFunctionResponse.builder().build();
                        }),
                RestJsonEndpoint.route("GET", FUNCTIONS + "/{FunctionName}/configuration", "GetFunctionConfiguration",
                        200, GetFunctionConfigurationRequest::builder, (GetFunctionConfigurationRequest in, AwsCall call) ->
                                convert(configuration(backend, backend.configuration(in.functionName(),
                                        Optional.ofNullable(in.qualifier()))), GetFunctionConfigurationResponse::builder)),
                RestJsonEndpoint.route("PUT", FUNCTIONS + "/{FunctionName}/configuration",
                        "UpdateFunctionConfiguration", 200, UpdateFunctionConfigurationRequest::builder,
                        (UpdateFunctionConfigurationRequest in, AwsCall call) -> convert(configuration(backend,
                                backend.updateConfiguration(in.functionName(), configuration(in.role(), in.timeout(),
                                        in.memorySize(), in.environment() == null ? null : in.environment().variables(),
                                        in.description(), in.imageConfig()), Optional.ofNullable(in.revisionId()))),
                                UpdateFunctionConfigurationResponse::builder)),
                RestJsonEndpoint.route("PUT", FUNCTIONS + "/{FunctionName}/code", "UpdateFunctionCode", 200,
                        UpdateFunctionCodeRequest::builder, (UpdateFunctionCodeRequest in, AwsCall call) -> {
                            if (in.imageUri() == null) {
                                throw LambdaBackend.invalid("Please provide ImageUri when updating a function with"
                                        + " packageType Image.");
                            }
                            return convert(configuration(backend, backend.updateCode(in.functionName(), in.imageUri(),
                                    Boolean.TRUE.equals(in.publish()), Optional.ofNullable(in.revisionId()))),
                                    UpdateFunctionCodeResponse::builder);
                        }),
                RestJsonEndpoint.route("POST", FUNCTIONS + "/{FunctionName}/versions", "PublishVersion", 201,
                        PublishVersionRequest::builder, (PublishVersionRequest in, AwsCall call) -> convert(
                                configuration(backend, backend.publishVersion(in.functionName(),
                                        Optional.ofNullable(in.codeSha256()), Optional.ofNullable(in.description()),
                                        Optional.ofNullable(in.revisionId()))), PublishVersionResponse::builder)),
                RestJsonEndpoint.route("GET", FUNCTIONS + "/{FunctionName}/versions", "ListVersionsByFunction", 200,
                        ListVersionsByFunctionRequest::builder, (ListVersionsByFunctionRequest in, AwsCall call) -> {
                            FunctionRecord function = backend.function(in.functionName());
                            List<FunctionConfiguration> versions = new java.util.ArrayList<>();
                            versions.add(configuration(backend, function.latest()));
                            function.versions().forEach(v -> versions.add(configuration(backend, v)));
                            return ListVersionsByFunctionResponse.builder().versions(versions).build();
                        }),
                RestJsonEndpoint.route("POST", FUNCTIONS + "/{FunctionName}/aliases", "CreateAlias", 201,
                        CreateAliasRequest::builder, (CreateAliasRequest in, AwsCall call) -> {
                            AliasRecord alias = backend.createAlias(in.functionName(), require(in.name(), "name"),
                                    require(in.functionVersion(), "functionVersion"),
                                    Optional.ofNullable(in.description()), weights(in.routingConfig()).orElse(Map.of()));
                            return convert(alias(backend, in.functionName(), alias), CreateAliasResponse::builder);
                        }),
                RestJsonEndpoint.route("GET", FUNCTIONS + "/{FunctionName}/aliases", "ListAliases", 200,
                        ListAliasesRequest::builder, (ListAliasesRequest in, AwsCall call) ->
                                ListAliasesResponse.builder().aliases(backend.aliases(in.functionName(),
                                        Optional.ofNullable(in.functionVersion())).stream()
                                        .map(a -> alias(backend, in.functionName(), a)).toList()).build()),
                RestJsonEndpoint.route("GET", FUNCTIONS + "/{FunctionName}/aliases/{Name}", "GetAlias", 200,
                        GetAliasRequest::builder, (GetAliasRequest in, AwsCall call) -> convert(alias(backend,
                                in.functionName(), backend.alias(in.functionName(), in.name())),
                                GetAliasResponse::builder)),
                RestJsonEndpoint.route("PUT", FUNCTIONS + "/{FunctionName}/aliases/{Name}", "UpdateAlias", 200,
                        UpdateAliasRequest::builder, (UpdateAliasRequest in, AwsCall call) -> convert(alias(backend,
                                in.functionName(), backend.updateAlias(in.functionName(), in.name(),
                                        Optional.ofNullable(in.functionVersion()), Optional.ofNullable(in.description()),
                                        weights(in.routingConfig()), Optional.ofNullable(in.revisionId()))),
                                UpdateAliasResponse::builder)),
                RestJsonEndpoint.route("DELETE", FUNCTIONS + "/{FunctionName}/aliases/{Name}", "DeleteAlias", 204,
                        DeleteAliasRequest::builder, (DeleteAliasRequest in, AwsCall call) -> {
                            backend.deleteAlias(in.functionName(), in.name());
                            return DeleteAliasResponse.builder().build();
                        }),
                RestJsonEndpoint.route("POST", FUNCTIONS + "/{FunctionName}/policy", "AddPermission", 201,
                        AddPermissionRequest::builder, (AddPermissionRequest in, AwsCall call) ->
                                AddPermissionResponse.builder().statement(backend.addPermission(in.functionName(),
                                        Optional.ofNullable(in.qualifier()), new PolicyStatement(
                                                require(in.statementId(), "statementId"), require(in.action(), "action"),
                                                require(in.principal(), "principal"), in.sourceArn(), in.sourceAccount(),
                                                in.principalOrgID(), in.eventSourceToken()),
                                        Optional.ofNullable(in.revisionId()))).build()),
                RestJsonEndpoint.route("GET", FUNCTIONS + "/{FunctionName}/policy", "GetPolicy", 200,
                        GetPolicyRequest::builder, (GetPolicyRequest in, AwsCall call) -> {
                            Map.Entry<String, String> policy = backend.policy(in.functionName(),
                                    Optional.ofNullable(in.qualifier()));
                            return GetPolicyResponse.builder().policy(policy.getKey()).revisionId(policy.getValue())
                                    .build();
                        }),
                RestJsonEndpoint.route("DELETE", FUNCTIONS + "/{FunctionName}/policy/{StatementId}", "RemovePermission",
                        204, RemovePermissionRequest::builder, (RemovePermissionRequest in, AwsCall call) -> {
                            backend.removePermission(in.functionName(), Optional.ofNullable(in.qualifier()),
                                    in.statementId(), Optional.ofNullable(in.revisionId()));
                            return RemovePermissionResponse.builder().build();
                        }),
                RestJsonEndpoint.route("POST", FUNCTIONS + "/{FunctionName}/invocations", "Invoke", 200,
                        InvokeRequest::builder, (InvokeRequest in, AwsCall call) -> invoke(backend, in)),
                RestJsonEndpoint.route("PUT", "/2017-10-31/functions/{FunctionName}/concurrency",
                        "PutFunctionConcurrency", 200, PutFunctionConcurrencyRequest::builder,
                        (PutFunctionConcurrencyRequest in, AwsCall call) -> {
                            int reserved = require(in.reservedConcurrentExecutions(), "reservedConcurrentExecutions");
                            backend.putReservedConcurrency(in.functionName(), Optional.of(reserved));
                            return PutFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(reserved).build();
                        }),
                RestJsonEndpoint.route("GET", "/2019-09-30/functions/{FunctionName}/concurrency",
                        "GetFunctionConcurrency", 200, GetFunctionConcurrencyRequest::builder,
                        (GetFunctionConcurrencyRequest in, AwsCall call) -> GetFunctionConcurrencyResponse.builder()
                                .reservedConcurrentExecutions(backend.function(in.functionName()).reserved()
                                        .orElse(null)).build()),
                RestJsonEndpoint.route("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency",
                        "DeleteFunctionConcurrency", 204, DeleteFunctionConcurrencyRequest::builder,
                        (DeleteFunctionConcurrencyRequest in, AwsCall call) -> {
                            backend.putReservedConcurrency(in.functionName(), Optional.empty());
                            return DeleteFunctionConcurrencyResponse.builder().build();
                        }));
    }

    private static InvokeResponse invoke(LambdaBackend backend, InvokeRequest in) {
        byte[] payload = in.payload() == null ? new byte[0] : in.payload().asByteArray();
        Optional<String> qualifier = Optional.ofNullable(in.qualifier());
        String type = in.invocationType() == null ? "RequestResponse" : in.invocationTypeAsString();
        switch (type) {
            case "DryRun" -> {
                backend.configuration(in.functionName(), qualifier);
                return InvokeResponse.builder().statusCode(204).build();
            }
            case "Event" -> {
                backend.invokeAsync(in.functionName(), qualifier, payload);
                return InvokeResponse.builder().statusCode(202).build();
            }
            case "RequestResponse" -> {
                InvocationResult result = backend.invoke(in.functionName(), qualifier, payload);
                InvokeResponse.Builder response = InvokeResponse.builder().statusCode(result.statusCode())
                        .payload(SdkBytes.fromByteArray(result.payload()))
                        .executedVersion(result.executedVersion())
                        .functionError(result.functionError().orElse(null));
                if ("Tail".equals(in.logTypeAsString())) {
                    byte[] tail = result.logTail().getBytes(StandardCharsets.UTF_8);
                    int from = Math.max(0, tail.length - 4096);
                    response.logResult(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(tail, from,
                            tail.length)));
                }
                return response.build();
            }
            default -> throw LambdaBackend.invalid("1 validation error detected: Value '" + type + "' at"
                    + " 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event,"
                    + " RequestResponse, DryRun]");
        }
    }

    private static <T> T require(T value, String member) {
        if (value == null) {
            throw AwsException.badRequest("ValidationException", "1 validation error detected: Value null at '"
                    + member + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static LambdaBackend.Configuration configuration(String role, Integer timeout, Integer memorySize,
            Map<String, String> variables, String description,
            software.amazon.awssdk.services.lambda.model.ImageConfig imageConfig) {
        return new LambdaBackend.Configuration(Optional.ofNullable(role), Optional.ofNullable(timeout),
                Optional.ofNullable(memorySize), Optional.ofNullable(variables), Optional.ofNullable(description),
                Optional.ofNullable(imageConfig).filter(c -> c.hasCommand()).map(c -> c.command()),
                Optional.ofNullable(imageConfig).filter(c -> c.hasEntryPoint()).map(c -> c.entryPoint()),
                Optional.ofNullable(imageConfig).map(c -> c.workingDirectory()));
    }

    private static Optional<Map<String, Double>> weights(
            software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration routing) {
        if (routing == null) {
            return Optional.empty();
        }
        return Optional.of(routing.hasAdditionalVersionWeights() ? routing.additionalVersionWeights() : Map.of());
    }

    static FunctionConfiguration configuration(LambdaBackend backend, FunctionVersion version) {
        return FunctionConfiguration.builder()
                .functionName(version.functionName())
                .functionArn(backend.functionArn(version.functionName()) + (version.latest() ? "" : ":"
                        + version.version()))
                .role(version.role())
                .codeSize(0L)
                .description(version.description())
                .timeout(version.timeout())
                .memorySize(version.memorySize())
                .lastModified(LAST_MODIFIED.format(version.lastModified()))
                .codeSha256(version.codeSha256())
                .version(version.version())
                .environment(e -> e.variables(version.environment()))
                .revisionId(version.revisionId())
                .packageType("Image")
                .imageConfigResponse(r -> r.imageConfig(c -> c
                        .command(version.command().isEmpty() ? null : version.command())
                        .entryPoint(version.entryPoint().isEmpty() ? null : version.entryPoint())
                        .workingDirectory(version.workingDirectory())))
                .architecturesWithStrings(version.architectures())
                .state(version.state())
                .stateReason(version.stateReason())
                .stateReasonCode(version.stateReasonCode())
                .lastUpdateStatus(version.lastUpdateStatus())
                .lastUpdateStatusReason(version.lastUpdateStatusReason())
                .lastUpdateStatusReasonCode(version.lastUpdateStatusReasonCode())
                .ephemeralStorage(s -> s.size(512))
                .loggingConfig(l -> l.logFormat("Text").logGroup("/aws/lambda/" + version.functionName()))
                .tracingConfig(t -> t.mode("PassThrough"))
                .build();
    }

    private static AliasConfiguration alias(LambdaBackend backend, String functionName, AliasRecord alias) {
        String name = backend.function(functionName).name();
        return AliasConfiguration.builder()
                .aliasArn(backend.functionArn(name) + ":" + alias.name())
                .name(alias.name())
                .functionVersion(alias.functionVersion())
                .description(alias.description())
                .routingConfig(alias.weights().isEmpty() ? null
                        : software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration.builder()
                                .additionalVersionWeights(alias.weights()).build())
                .revisionId(alias.revisionId())
                .build();
    }

    /** The same members in another response shape (CreateFunctionResponse and FunctionConfiguration share them). */
    private static <T> T convert(software.amazon.awssdk.core.SdkPojo source, Supplier<? extends SdkBuilder<?, T>> target) {
        try {
            return ModelJson.read(ModelJson.write(source), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
