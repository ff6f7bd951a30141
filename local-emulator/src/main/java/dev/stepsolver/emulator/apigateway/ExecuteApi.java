package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.apigateway.UsagePlanRecord.PlanKey;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Throttle;
import dev.stepsolver.emulator.lambda.InvocationResult;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.HttpHeaders;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execute-api data plane, free of HTTP: a request to an API stage goes through the steps API
 * Gateway takes. The stage's deployment is matched (else 403 Missing Authentication Token); a
 * key-protected method needs an enabled {@code x-api-key} in a usage plan of the stage (else 403
 * Forbidden); throttles take a token each (account, stage method settings, the plan and its method
 * throttle; else 429 Too Many Requests) and the plan's quota counts the request (else 429 Limit
 * Exceeded); then the Lambda proxy integration is invoked with the payload 1.0 event, its alias
 * picked by stage variables in the URI, within the integration timeout (else 504), and its proxy
 * response becomes the HTTP response (a function error or a malformed response: 502). Every
 * request on a known stage is counted in the AWS/ApiGateway metrics.
 */
public final class ExecuteApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecuteApi.class);

    /** API Gateway's request payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** An account's default steady rate and burst, shared by every API of the region. */
    private static final Throttle ACCOUNT_THROTTLE = new Throttle(10_000, 5_000);
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
    /** Not passed to the function (they describe the connection, not the request), nor back from it. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding",
            "keep-alive", "upgrade");
    private static final int MAX_ROUTE_TABLES = 1_000;

    /** Calls a function synchronously; throws {@link AwsException} when Lambda refuses the call. */
    @FunctionalInterface
    public interface LambdaInvoker {
        InvocationResult invoke(String functionArn, byte[] payload);
    }

    /**
     * A request to an API stage.
     *
     * @param rawPath the path after the stage name, percent-encoded as sent, starting with {@code /}
     * @param rawQuery the query string without {@code ?}, empty for none
     * @param body empty when it was larger than {@link #MAX_BODY_BYTES} (and not read further)
     * @param sourceIp the client's address
     * @param protocol e.g. {@code HTTP/1.1}
     */
    public record ApiRequest(String apiId, String stage, String httpMethod, String rawPath, String rawQuery,
            HttpHeaders headers, Optional<byte[]> body, String sourceIp, String protocol) {
    }

    /** The answer: status, headers (with every value), body. */
    public record ApiResponse(int status, HttpHeaders headers, byte[] body) {
    }

    private final ApiGatewayBackend backend;
    private final LambdaInvoker lambda;
    private final Optional<ApiGatewayMetrics> metrics;
    private final String accountId;
    private final ExecutorService integrations = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, RouteTable> routeTables = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    ExecuteApi(ApiGatewayBackend backend, LambdaInvoker lambda, Optional<ApiGatewayMetrics> metrics) {
        this.backend = backend;
        this.lambda = lambda;
        this.metrics = metrics;
        this.accountId = backend.accountId();
    }

    public ApiResponse execute(ApiRequest request) {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String extendedId = extendedRequestId();
        Optional<RestApiRecord> found = backend.findRestApi(request.apiId());
        if (found.isEmpty()) {
            byte[] body = ("{\"message\":\"The API id '" + request.apiId().replace("\"", "")
                    + "' does not correspond to a deployed API Gateway API\"}").getBytes(StandardCharsets.UTF_8);
            return new ApiResponse(404, errorHeaders(requestId, extendedId, "NotFoundException"), body);
        }
        RestApiRecord api = found.get();
        if (api.disableExecuteApiEndpoint()) {
            return gateway(GatewayResponse.FORBIDDEN, requestId, extendedId);
        }
        Optional<StageRecord> stage = api.stage(request.stage());
        Optional<DeploymentRecord> deployment = stage.flatMap(s -> api.deployment(s.deploymentId()));
        if (stage.isEmpty() || deployment.isEmpty()) {
            return gateway(GatewayResponse.MISSING_AUTHENTICATION_TOKEN, requestId, extendedId);
        }
        Outcome outcome = run(request, api, stage.get(), deployment.get(), requestId, extendedId);
        double latency = (System.nanoTime() - started) / 1e6;
        metrics.ifPresent(m -> m.request(api.name(), request.stage(), outcome.response().status(), latency,
                outcome.integrationMillis()));
        return outcome.response();
    }

    private record Outcome(ApiResponse response, OptionalDouble integrationMillis) {
        static Outcome of(ApiResponse response) {
            return new Outcome(response, OptionalDouble.empty());
        }
    }

    private Outcome run(ApiRequest request, RestApiRecord api, StageRecord stage, DeploymentRecord deployment,
            String requestId, String extendedId) {
        if (request.body().isEmpty()) {
            return Outcome.of(gateway(GatewayResponse.REQUEST_TOO_LARGE, requestId, extendedId));
        }
        Optional<RouteTable.Match> route = routes(api.id(), deployment).match(request.httpMethod(), request.rawPath());
        if (route.isEmpty()) {
            return Outcome.of(gateway(GatewayResponse.MISSING_AUTHENTICATION_TOKEN, requestId, extendedId));
        }
        RouteTable.Match match = route.get();
        MethodRecord method = match.method();
        Optional<ApiGatewayBackend.Grant> grant = Optional.empty();
        if (method.apiKeyRequired()) {
            Optional<String> key = api.apiKeySource().equals("HEADER") ? lastValue(request.headers(), "x-api-key")
                    : Optional.empty();
            grant = key.flatMap(value -> backend.grant(api.id(), stage.stageName(), value));
            if (grant.isEmpty()) {
                return Outcome.of(gateway(GatewayResponse.FORBIDDEN, requestId, extendedId));
            }
        }
        Optional<GatewayResponse> refused = admit(api, stage, match, grant);
        if (refused.isPresent()) {
            return Outcome.of(gateway(refused.get(), requestId, extendedId));
        }
        IntegrationRecord integration = method.integration();
        if (!integration.type().equals("AWS_PROXY")) {
            LOG.warn("{} {} on API {} stage {}: the emulator executes AWS_PROXY integrations only, not {}",
                    request.httpMethod(), match.resource().path(), api.id(), stage.stageName(), integration.type());
            return Outcome.of(gateway(GatewayResponse.INTERNAL_ERROR, requestId, extendedId));
        }
        String uri = resolveStageVariables(integration.uri(), stage.variables());
        Matcher lambdaUri = ApiGatewayBackend.LAMBDA_INVOCATION_URI.matcher(uri);
        if (!lambdaUri.matches()) {
            LOG.warn("API {} stage {}: the integration URI {} does not name a Lambda function", api.id(),
                    stage.stageName(), uri);
            return Outcome.of(gateway(GatewayResponse.INTERNAL_ERROR, requestId, extendedId));
        }
        byte[] event = ProxyEvent.write(event(request, api, stage, deployment, match, grant, requestId, extendedId));
        long invoked = System.nanoTime();
        ApiResponse response = invoke(lambdaUri.group(1), event, integration.timeoutInMillis(), api, request,
                requestId, extendedId);
        return new Outcome(response, OptionalDouble.of((System.nanoTime() - invoked) / 1e6));
    }

    /** Throttles (each takes a token) and the quota (counts the request); the refusal, if any. */
    private Optional<GatewayResponse> admit(RestApiRecord api, StageRecord stage, RouteTable.Match match,
            Optional<ApiGatewayBackend.Grant> grant) {
        UsageLimits limits = backend.limits();
        Instant now = backend.clock().now();
        String methodKey = match.resource().path() + "/" + match.method().httpMethod();
        if (!limits.tryTake("account", ACCOUNT_THROTTLE, now)) {
            return Optional.of(GatewayResponse.THROTTLED);
        }
        Optional<Throttle> stageThrottle = stageThrottle(stage, methodKey);
        if (stageThrottle.isPresent() && !limits.tryTake("stage/" + api.id() + "/" + stage.stageName() + "/"
                + methodKey, stageThrottle.get(), now)) {
            return Optional.of(GatewayResponse.THROTTLED);
        }
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        UsagePlanRecord plan = grant.get().plan();
        String keyId = grant.get().key().id();
        Throttle methodThrottle = grant.get().apiStage().methodThrottles().get(methodKey);
        if (methodThrottle != null && !limits.tryTake("plan/" + plan.id() + "/" + keyId + "/" + api.id() + "/"
                + stage.stageName() + "/" + methodKey, methodThrottle, now)) {
            return Optional.of(GatewayResponse.THROTTLED);
        }
        if (plan.throttle() != null && !limits.tryTake("plan/" + plan.id() + "/" + keyId, plan.throttle(), now)) {
            return Optional.of(GatewayResponse.THROTTLED);
        }
        PlanKey planKey = plan.keys().get(keyId);
        if (plan.quota() != null && planKey != null
                && !limits.tryCount(plan.id(), keyId, plan.quota(), planKey.addedAt(), now)) {
            return Optional.of(GatewayResponse.QUOTA_EXCEEDED);
        }
        return Optional.empty();
    }

    /** The stage's throttle for a method: its own method setting, else the stage-wide one. */
    private static Optional<Throttle> stageThrottle(StageRecord stage, String methodKey) {
        Map<String, String> settings = stage.methodSettings().get(methodKey);
        if (settings == null || !(settings.containsKey("throttling/rateLimit")
                || settings.containsKey("throttling/burstLimit"))) {
            settings = stage.methodSettings().get("*/*");
        }
        if (settings == null || !(settings.containsKey("throttling/rateLimit")
                || settings.containsKey("throttling/burstLimit"))) {
            return Optional.empty();
        }
        double rate = Double.parseDouble(settings.getOrDefault("throttling/rateLimit",
                Double.toString(ACCOUNT_THROTTLE.rateLimit())));
        int burst = (int) Double.parseDouble(settings.getOrDefault("throttling/burstLimit",
                Integer.toString(ACCOUNT_THROTTLE.burstLimit())));
        return Optional.of(new Throttle(rate, burst));
    }

    private ApiResponse invoke(String functionArn, byte[] event, int timeoutMillis, RestApiRecord api,
            ApiRequest request, String requestId, String extendedId) {
        Future<InvocationResult> call = integrations.submit(() -> lambda.invoke(functionArn, event));
        InvocationResult result;
        try {
            result = call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // as in AWS the function runs on to its own end; only the caller stops waiting
            LOG.info("Request {}: {} did not answer within the integration timeout of {} ms", requestId, functionArn,
                    timeoutMillis);
            return gateway(GatewayResponse.INTEGRATION_TIMEOUT, requestId, extendedId);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AwsException refused) {
                LOG.info("Request {}: Lambda refused the invocation of {}: {}", requestId, functionArn, refused);
            } else {
                LOG.warn("Request {}: invoking {} failed", requestId, functionArn, cause);
            }
            return gateway(GatewayResponse.INTERNAL_ERROR, requestId, extendedId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return gateway(GatewayResponse.INTERNAL_ERROR, requestId, extendedId);
        }
        if (result.functionError().isPresent()) {
            LOG.debug("Request {}: the function failed: {}", requestId,
                    new String(result.payload(), StandardCharsets.UTF_8));
            return gateway(GatewayResponse.BAD_GATEWAY, requestId, extendedId);
        }
        ProxyResponse proxy;
        try {
            proxy = ProxyResponse.parse(result.payload());
        } catch (ProxyResponse.Malformed e) {
            LOG.info("Request {}: Execution failed due to configuration error: Malformed Lambda proxy response ({})",
                    requestId, e.getMessage());
            return gateway(GatewayResponse.BAD_GATEWAY, requestId, extendedId);
        }
        return respond(proxy, api, request, requestId, extendedId);
    }

    private ApiResponse respond(ProxyResponse proxy, RestApiRecord api, ApiRequest request, String requestId,
            String extendedId) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        boolean contentType = false;
        for (Map.Entry<String, List<String>> header : proxy.headers().entrySet()) {
            String name = header.getKey();
            if (HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) || !validHeader(name, header.getValue())) {
                continue;
            }
            contentType |= name.equalsIgnoreCase("Content-Type");
            header.getValue().forEach(value -> headers.add(name, value));
        }
        if (!contentType) {
            headers.add("Content-Type", "application/json");
        }
        headers.set("x-amzn-RequestId", requestId);
        headers.set("x-amz-apigw-id", extendedId);
        if (!headers.build().contains("X-Amzn-Trace-Id")) {
            headers.set("X-Amzn-Trace-Id", traceId());
        }
        byte[] body;
        String text = proxy.body().orElse("");
        if (proxy.base64() && binaryAccepted(api, request)) {
            try {
                body = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                LOG.info("Request {}: the proxy response body is marked base64 but is not", requestId);
                return gateway(GatewayResponse.BAD_GATEWAY, requestId, extendedId);
            }
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        return new ApiResponse(proxy.statusCode(), headers.build(), body);
    }

    /** Header names a client can receive: tokens, and values without line breaks. */
    private static boolean validHeader(String name, List<String> values) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            return false;
        }
        return values.stream().noneMatch(v -> v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0);
    }

    /** A base64 proxy body is decoded when the client accepts one of the API's binary media types. */
    private static boolean binaryAccepted(RestApiRecord api, ApiRequest request) {
        Optional<String> accept = request.headers().first("Accept");
        return accept.isPresent() && api.binaryMediaTypes().stream().anyMatch(type -> mediaMatches(type,
                accept.get().split(",")[0].split(";")[0].trim()));
    }

    private static boolean mediaMatches(String pattern, String type) {
        if (pattern.equals("*/*") || pattern.equalsIgnoreCase(type)) {
            return true;
        }
        return pattern.endsWith("/*") && type.toLowerCase(Locale.ROOT).startsWith(
                pattern.substring(0, pattern.length() - 1).toLowerCase(Locale.ROOT));
    }

    private ProxyEvent.Input event(ApiRequest request, RestApiRecord api, StageRecord stage,
            DeploymentRecord deployment, RouteTable.Match match, Optional<ApiGatewayBackend.Grant> grant,
            String requestId, String extendedId) {
        HttpHeaders.Builder forwarded = request.headers().toBuilder();
        HOP_BY_HOP.forEach(forwarded::remove);
        Optional<String> forwardedFor = request.headers().first("X-Forwarded-For");
        forwarded.set("X-Forwarded-For", forwardedFor.map(f -> f + ", " + request.sourceIp())
                .orElse(request.sourceIp()));
        String host = request.headers().first("Host").orElse("localhost");
        int colon = host.lastIndexOf(':');
        boolean hostHasPort = colon > 0 && host.indexOf(']') < colon;
        forwarded.set("X-Forwarded-Port", hostHasPort ? host.substring(colon + 1) : "80");
        forwarded.set("X-Forwarded-Proto", "http");
        if (request.headers().first("X-Amzn-Trace-Id").isEmpty()) {
            forwarded.set("X-Amzn-Trace-Id", traceId());
        }
        HttpHeaders headers = forwarded.build();
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.asMap().forEach((name, values) -> {
            single.put(name, values.getLast());
            multi.put(name, values);
        });
        Map<String, List<String>> multiQuery = RequestHead.parseForm(request.rawQuery());
        Map<String, String> query = new LinkedHashMap<>();
        multiQuery.forEach((name, values) -> query.put(name, values.getLast()));
        Optional<String> body = Optional.empty();
        boolean base64 = false;
        byte[] bytes = request.body().orElse(new byte[0]);
        if (bytes.length > 0) {
            Optional<String> contentType = request.headers().first("Content-Type")
                    .map(t -> t.split(";")[0].trim());
            base64 = contentType.isPresent() && api.binaryMediaTypes().stream()
                    .anyMatch(type -> mediaMatches(type, contentType.get()));
            body = Optional.of(base64 ? Base64.getEncoder().encodeToString(bytes)
                    : new String(bytes, StandardCharsets.UTF_8));
        }
        String domainName = hostHasPort ? host.substring(0, colon) : host;
        ProxyEvent.Identity identity = new ProxyEvent.Identity(request.sourceIp(),
                request.headers().first("User-Agent"), grant.map(g -> g.key().value()),
                grant.map(g -> g.key().id()));
        ProxyEvent.Context context = new ProxyEvent.Context(accountId, api.id(), stage.stageName(), deployment.id(),
                match.resource().id(), match.resource().path(), requestId, extendedId, backend.clock().now(),
                domainName, request.protocol(), identity);
        return new ProxyEvent.Input(match.resource().path(), request.rawPath(), request.httpMethod(), single, multi,
                query, multiQuery, match.pathParameters(), stage.variables(), context, body, base64);
    }

    /** Replaces {@code ${stageVariables.name}} with the stage's value (empty when it has none). */
    static String resolveStageVariables(String uri, Map<String, String> variables) {
        if (uri.indexOf("${") < 0) {
            return uri;
        }
        Matcher m = STAGE_VARIABLE.matcher(uri);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(resolved, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }

    private RouteTable routes(String apiId, DeploymentRecord deployment) {
        if (routeTables.size() > MAX_ROUTE_TABLES) {
            routeTables.clear();
        }
        return routeTables.computeIfAbsent(apiId + "/" + deployment.id(), key -> RouteTable.of(deployment.resources()));
    }

    private ApiResponse gateway(GatewayResponse response, String requestId, String extendedId) {
        return new ApiResponse(response.status(), errorHeaders(requestId, extendedId, response.errorType()),
                response.body());
    }

    private HttpHeaders errorHeaders(String requestId, String extendedId, String errorType) {
        return HttpHeaders.builder()
                .set("Content-Type", "application/json")
                .set("x-amzn-RequestId", requestId)
                .set("x-amzn-ErrorType", errorType)
                .set("x-amz-apigw-id", extendedId)
                .build();
    }

    private static Optional<String> lastValue(HttpHeaders headers, String name) {
        List<String> values = headers.all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    /** Like AWS's {@code x-amz-apigw-id}: 15 base64 characters and {@code =}. */
    private String extendedRequestId() {
        byte[] bytes = new byte[11];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, 15) + "=";
    }

    /** An X-Ray trace id: {@code Root=1-<epoch seconds hex>-<24 hex>}. */
    private String traceId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(backend.clock().now().getEpochSecond()) + "-"
                + HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        integrations.shutdownNow();
    }
}
