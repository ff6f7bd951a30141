package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.apigateway.IntegrationRecord.IntegrationResponseRecord;
import dev.stepsolver.emulator.apigateway.MethodRecord.MethodResponseRecord;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.ApiStageRef;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.PlanKey;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Quota;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Throttle;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * API Gateway REST APIs (v1): the control plane's state and rules, in plain Java. Every AWS
 * operation has a method here named after it, taking the parameters AWS takes (as the spec records
 * below) and returning the stored records, so the wire adapter and CloudFormation share one
 * implementation. Errors are AWS's: {@code NotFoundException}, {@code BadRequestException},
 * {@code ConflictException}, {@code LimitExceededException}.
 *
 * <p>Records are immutable and kept in concurrent maps, so the data plane ({@link ExecuteApi}) reads
 * them without taking the lock that serializes changes.
 */
public final class ApiGatewayBackend implements AutoCloseable {

    static final int DEFAULT_TIMEOUT_MILLIS = 29_000;
    private static final int MAX_REST_APIS = 600;
    private static final int MAX_RESOURCES = 300;
    private static final int MAX_STAGES = 10;
    private static final int MAX_DEPLOYMENTS = 1_000;
    private static final int MAX_API_KEYS = 10_000;
    private static final int MAX_USAGE_PLANS = 300;
    private static final int MAX_PATCH_OPERATIONS = 100;
    private static final Duration QUOTA_FLUSH_INTERVAL = Duration.ofSeconds(30);
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "ANY");
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
    private static final Set<String> INTEGRATION_TYPES = Set.of("HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY");
    private static final Set<String> ENDPOINT_TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");
    private static final Set<String> QUOTA_PERIODS = Set.of("DAY", "WEEK", "MONTH");
    private static final Pattern PATH_PART = Pattern.compile("[a-zA-Z0-9._:-]+|\\{[a-zA-Z0-9._-]+\\+?}");
    private static final Pattern STAGE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final Pattern STATUS_CODE = Pattern.compile("[1-5]\\d\\d");
    /** {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations}. */
    static final Pattern LAMBDA_INVOCATION_URI = Pattern.compile(
            "arn:[a-z-]+:apigateway:[^:]*:lambda:path/2015-03-31/functions/(.+)/invocations");
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            .toCharArray();

    // ------------------------------------------------------------------ what callers pass in

    /** CreateRestApi. */
    public record RestApiSpec(String name, Optional<String> description, List<String> endpointTypes,
            List<String> binaryMediaTypes, Optional<String> apiKeySource, boolean disableExecuteApiEndpoint,
            Map<String, String> tags) {

        public static RestApiSpec named(String name) {
            return new RestApiSpec(name, Optional.empty(), List.of(), List.of(), Optional.empty(), false, Map.of());
        }

        public RestApiSpec withDescription(String text) {
            return new RestApiSpec(name, Optional.of(text), endpointTypes, binaryMediaTypes, apiKeySource,
                    disableExecuteApiEndpoint, tags);
        }

        public RestApiSpec withEndpointTypes(List<String> types) {
            return new RestApiSpec(name, description, types, binaryMediaTypes, apiKeySource,
                    disableExecuteApiEndpoint, tags);
        }

        public RestApiSpec withBinaryMediaTypes(List<String> types) {
            return new RestApiSpec(name, description, endpointTypes, types, apiKeySource, disableExecuteApiEndpoint,
                    tags);
        }
    }

    /** PutMethod. */
    public record MethodSpec(String authorizationType, boolean apiKeyRequired, Optional<String> authorizerId,
            Optional<String> operationName, Map<String, Boolean> requestParameters, Map<String, String> requestModels) {

        public static MethodSpec of(String authorizationType, boolean apiKeyRequired) {
            return new MethodSpec(authorizationType, apiKeyRequired, Optional.empty(), Optional.empty(), Map.of(),
                    Map.of());
        }
    }

    /** PutIntegration ({@code httpMethod} is the integration's, AWS's {@code integrationHttpMethod}). */
    public record IntegrationSpec(String type, Optional<String> httpMethod, Optional<String> uri,
            Optional<String> credentials, Map<String, String> requestParameters, Map<String, String> requestTemplates,
            Optional<String> passthroughBehavior, Optional<String> contentHandling, Optional<Integer> timeoutInMillis,
            Optional<String> cacheNamespace, List<String> cacheKeyParameters, Optional<String> connectionType) {

        /** A Lambda proxy integration: POST to the Lambda invocation URI. */
        public static IntegrationSpec awsProxy(String uri) {
            return new IntegrationSpec("AWS_PROXY", Optional.of("POST"), Optional.of(uri), Optional.empty(), Map.of(),
                    Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    Optional.empty());
        }

        public IntegrationSpec withTimeoutInMillis(int millis) {
            return new IntegrationSpec(type, httpMethod, uri, credentials, requestParameters, requestTemplates,
                    passthroughBehavior, contentHandling, Optional.of(millis), cacheNamespace, cacheKeyParameters,
                    connectionType);
        }
    }

    /** CreateDeployment; with a stage name it also creates that stage or points it at the deployment. */
    public record DeploymentSpec(Optional<String> description, Optional<String> stageName,
            Optional<String> stageDescription, Map<String, String> variables) {

        public static DeploymentSpec describedAs(String description) {
            return new DeploymentSpec(Optional.of(description), Optional.empty(), Optional.empty(), Map.of());
        }
    }

    /** CreateStage. */
    public record StageSpec(String stageName, String deploymentId, Optional<String> description,
            Map<String, String> variables, boolean tracingEnabled, Map<String, String> tags) {

        public static StageSpec of(String stageName, String deploymentId, Map<String, String> variables) {
            return new StageSpec(stageName, deploymentId, Optional.empty(), variables, false, Map.of());
        }
    }

    /** CreateApiKey; without a value, API Gateway generates one. Keys are disabled unless enabled. */
    public record ApiKeySpec(Optional<String> name, Optional<String> description, boolean enabled,
            Optional<String> value, Optional<String> customerId, List<String> stageKeys, Map<String, String> tags) {

        public static ApiKeySpec named(String name, boolean enabled) {
            return new ApiKeySpec(Optional.of(name), Optional.empty(), enabled, Optional.empty(), Optional.empty(),
                    List.of(), Map.of());
        }

        public ApiKeySpec withValue(String value) {
            return new ApiKeySpec(name, description, enabled, Optional.of(value), customerId, stageKeys, tags);
        }
    }

    /** CreateUsagePlan. */
    public record UsagePlanSpec(String name, Optional<String> description, List<ApiStageRef> apiStages,
            Optional<Throttle> throttle, Optional<Quota> quota, Map<String, String> tags) {

        public static UsagePlanSpec of(String name, List<ApiStageRef> apiStages, Optional<Throttle> throttle,
                Optional<Quota> quota) {
            return new UsagePlanSpec(name, Optional.empty(), apiStages, throttle, quota, Map.of());
        }
    }

    /** One JSON-Patch-like operation of the Update* calls ({@code op} add, remove, replace, move, copy). */
    public record Patch(String op, String path, Optional<String> value, Optional<String> from) {

        public static Patch replace(String path, String value) {
            return new Patch("replace", path, Optional.of(value), Optional.empty());
        }

        public static Patch remove(String path) {
            return new Patch("remove", path, Optional.empty(), Optional.empty());
        }

        /** Sets {@code path} to the value, or removes it when there is none (a property left out). */
        public static Patch set(String path, Optional<String> value) {
            return value.map(present -> replace(path, present)).orElseGet(() -> remove(path));
        }
    }

    /** A key allowed on an API stage: the key and the plan that lets it in. */
    public record Grant(ApiKeyRecord key, UsagePlanRecord plan, ApiStageRef apiStage) {
    }

    // ------------------------------------------------------------------ state

    private final EmulatorClock clock;
    private final String accountId;
    private final SecureRandom random = new SecureRandom();
    private final PersistentCollection<RestApiRecord> apiStore;
    private final PersistentCollection<ApiKeyRecord> keyStore;
    private final PersistentCollection<UsagePlanRecord> planStore;
    private final Map<String, RestApiRecord> apis = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyRecord> keys = new ConcurrentHashMap<>();
    private final Map<String, String> keyIdsByValue = new ConcurrentHashMap<>();
    private final Map<String, UsagePlanRecord> plans = new ConcurrentHashMap<>();
    /** {@code apiId/stage/keyId} → plan id: which plan admits a key to a stage (at most one, as in AWS). */
    private volatile Map<String, String> planIndex = Map.of();
    private final UsageLimits limits;
    private final EmulatorClock.Scheduled quotaFlush;

    public ApiGatewayBackend(EmulatorClock clock, StateStore state, String accountId) {
        this.clock = clock;
        this.accountId = accountId;
        this.apiStore = state.collection("apigateway.restapis", RestApiRecord.class);
        this.keyStore = state.collection("apigateway.apikeys", ApiKeyRecord.class);
        this.planStore = state.collection("apigateway.usageplans", UsagePlanRecord.class);
        apis.putAll(apiStore.loadAll());
        keys.putAll(keyStore.loadAll());
        keys.values().forEach(key -> keyIdsByValue.put(key.value(), key.id()));
        plans.putAll(planStore.loadAll());
        reindexPlans();
        this.limits = new UsageLimits(state);
        this.quotaFlush = clock.scheduleAtFixedRate(clock.now().plus(QUOTA_FLUSH_INTERVAL), QUOTA_FLUSH_INTERVAL,
                limits::flush);
    }

    public String accountId() {
        return accountId;
    }

    // ================================================================== REST APIs

    /** CreateRestApi: the API and its root resource {@code /}. */
    public synchronized RestApiRecord createRestApi(RestApiSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw badRequest("Invalid API name specified");
        }
        if (apis.size() >= MAX_REST_APIS) {
            throw limitExceeded("Cannot exceed " + MAX_REST_APIS + " REST APIs in this region");
        }
        List<String> endpointTypes = spec.endpointTypes().isEmpty() ? List.of("EDGE") : spec.endpointTypes();
        for (String type : endpointTypes) {
            if (!ENDPOINT_TYPES.contains(type)) {
                throw badRequest("Invalid endpoint type specified: " + type);
            }
        }
        String apiKeySource = spec.apiKeySource().orElse("HEADER");
        if (!apiKeySource.equals("HEADER") && !apiKeySource.equals("AUTHORIZER")) {
            throw badRequest("Invalid API key source specified: " + apiKeySource);
        }
        String id = newId(10, apis::containsKey);
        String rootId = newId(10, candidate -> false);
        ResourceRecord root = new ResourceRecord(rootId, null, null, "/", Map.of());
        RestApiRecord api = new RestApiRecord(id, spec.name(), spec.description().orElse(null), clock.now(),
                apiKeySource, endpointTypes, spec.binaryMediaTypes(), spec.disableExecuteApiEndpoint(), spec.tags(),
                rootId, Map.of(rootId, root), Map.of(), Map.of());
        save(api);
        return api;
    }

    /** GetRestApi. */
    public RestApiRecord restApi(String apiId) {
        RestApiRecord api = apis.get(apiId);
        if (api == null) {
            throw notFound("Invalid API identifier specified " + accountId + ":" + apiId);
        }
        return api;
    }

    /** The API, for the data plane: no exception when absent. */
    public Optional<RestApiRecord> findRestApi(String apiId) {
        return Optional.ofNullable(apis.get(apiId));
    }

    /** GetRestApis, oldest first. */
    public List<RestApiRecord> restApis() {
        return apis.values().stream().sorted(Comparator.comparing(RestApiRecord::createdDate)
                .thenComparing(RestApiRecord::id)).toList();
    }

    /** UpdateRestApi: {@code /name}, {@code /description}, {@code /apiKeySource}, {@code /binaryMediaTypes/<type>}. */
    public synchronized RestApiRecord updateRestApi(String apiId, List<Patch> patches) {
        RestApiRecord api = restApi(apiId);
        checkPatchCount(patches);
        String name = api.name();
        String description = api.description();
        String apiKeySource = api.apiKeySource();
        boolean disabled = api.disableExecuteApiEndpoint();
        List<String> binary = new ArrayList<>(api.binaryMediaTypes());
        for (Patch patch : patches) {
            String path = patch.path();
            switch (path) {
                case "/name" -> name = requireValue(patch);
                case "/description" -> description = patch.op().equals("remove") ? null : requireValue(patch);
                case "/apiKeySource" -> {
                    apiKeySource = requireValue(patch);
                    if (!apiKeySource.equals("HEADER") && !apiKeySource.equals("AUTHORIZER")) {
                        throw badRequest("Invalid API key source specified: " + apiKeySource);
                    }
                }
                case "/disableExecuteApiEndpoint" -> disabled = Boolean.parseBoolean(requireValue(patch));
                default -> {
                    if (!path.startsWith("/binaryMediaTypes/")) {
                        throw invalidPatch(patch, "/name, /description, /apiKeySource, /disableExecuteApiEndpoint,"
                                + " /binaryMediaTypes/<type>");
                    }
                    String type = unescape(path.substring("/binaryMediaTypes/".length()));
                    switch (patch.op()) {
                        case "add" -> {
                            if (!binary.contains(type)) {
                                binary.add(type);
                            }
                        }
                        case "remove" -> binary.remove(type);
                        case "replace" -> {
                            binary.remove(type);
                            binary.add(requireValue(patch));
                        }
                        default -> throw invalidPatch(patch, "add, remove, replace");
                    }
                }
            }
        }
        RestApiRecord updated = new RestApiRecord(api.id(), name, description, api.createdDate(), apiKeySource,
                api.endpointTypes(), binary, disabled, api.tags(), api.rootResourceId(), api.resources(),
                api.deployments(), api.stages());
        save(updated);
        return updated;
    }

    /** DeleteRestApi: the API with its resources, deployments and stages. */
    public synchronized void deleteRestApi(String apiId) {
        restApi(apiId);
        apis.remove(apiId);
        apiStore.remove(apiId);
    }

    // ================================================================== resources

    /** GetResources, in path order. */
    public List<ResourceRecord> resources(String apiId) {
        return restApi(apiId).resources().values().stream().sorted(Comparator.comparing(ResourceRecord::path))
                .toList();
    }

    /** GetResource. */
    public ResourceRecord resource(String apiId, String resourceId) {
        ResourceRecord resource = restApi(apiId).resources().get(resourceId);
        if (resource == null) {
            throw notFound("Invalid Resource identifier specified");
        }
        return resource;
    }

    /** CreateResource: {@code pathPart} under {@code parentId}; {@code {name}} and greedy {@code {name+}} too. */
    public synchronized ResourceRecord createResource(String apiId, String parentId, String pathPart) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord parent = resource(apiId, parentId);
        if (pathPart == null || !PATH_PART.matcher(pathPart).matches()) {
            throw badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the"
                    + " end and an optional plus sign before the closing brace.");
        }
        if (parent.pathPart() != null && parent.pathPart().endsWith("+}")) {
            throw badRequest("Cannot create a child of a resource with a greedy path variable: " + parent.pathPart());
        }
        for (ResourceRecord sibling : api.resources().values()) {
            if (!parentId.equals(sibling.parentId())) {
                continue;
            }
            if (sibling.pathPart().equals(pathPart)) {
                throw conflict("Another resource with the same parent already has this name: " + pathPart);
            }
            if (isVariable(sibling.pathPart()) && isVariable(pathPart)) {
                throw badRequest("A sibling (" + sibling.pathPart() + ") of this resource already has a variable path"
                        + " part -- only one is allowed");
            }
        }
        if (api.resources().size() >= MAX_RESOURCES) {
            throw limitExceeded("Cannot exceed " + MAX_RESOURCES + " resources per REST API");
        }
        String id = newId(10, api.resources()::containsKey);
        String path = (parent.path().equals("/") ? "" : parent.path()) + "/" + pathPart;
        ResourceRecord resource = new ResourceRecord(id, parentId, pathPart, path, Map.of());
        Map<String, ResourceRecord> resources = new HashMap<>(api.resources());
        resources.put(id, resource);
        save(api.withResources(resources));
        return resource;
    }

    /** DeleteResource: the resource and everything under it; never the root. */
    public synchronized void deleteResource(String apiId, String resourceId) {
        RestApiRecord api = restApi(apiId);
        resource(apiId, resourceId);
        if (resourceId.equals(api.rootResourceId())) {
            throw badRequest("Cannot delete the root resource of a REST API");
        }
        Map<String, ResourceRecord> resources = new HashMap<>(api.resources());
        List<String> doomed = new ArrayList<>(List.of(resourceId));
        for (int i = 0; i < doomed.size(); i++) {
            String id = doomed.get(i);
            resources.remove(id);
            api.resources().values().stream().filter(r -> id.equals(r.parentId())).forEach(r -> doomed.add(r.id()));
        }
        save(api.withResources(resources));
    }

    // ================================================================== methods and integrations

    /** PutMethod: a new method on a resource ({@code ANY} matches every HTTP method). */
    public synchronized MethodRecord putMethod(String apiId, String resourceId, String httpMethod, MethodSpec spec) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        String method = validHttpMethod(httpMethod);
        if (spec.authorizationType() == null || !AUTHORIZATION_TYPES.contains(spec.authorizationType())) {
            throw badRequest("Invalid authorization type specified. Valid options are NONE, AWS_IAM, CUSTOM,"
                    + " COGNITO_USER_POOLS");
        }
        if ((spec.authorizationType().equals("CUSTOM") || spec.authorizationType().equals("COGNITO_USER_POOLS"))
                && spec.authorizerId().isEmpty()) {
            throw badRequest("Invalid authorizer ID specified. Setting the authorization type to "
                    + spec.authorizationType() + " requires a valid authorizer.");
        }
        if (resource.methods().containsKey(method)) {
            throw conflict("Method already exists for this resource");
        }
        MethodRecord created = new MethodRecord(method, spec.authorizationType(), spec.apiKeyRequired(),
                spec.authorizerId().orElse(null), spec.operationName().orElse(null), spec.requestParameters(),
                spec.requestModels(), Map.of(), null);
        saveMethod(api, resource, created);
        return created;
    }

    /** GetMethod. */
    public MethodRecord method(String apiId, String resourceId, String httpMethod) {
        return resource(apiId, resourceId).method(httpMethod)
                .orElseThrow(() -> notFound("Invalid Method identifier specified"));
    }

    /** UpdateMethod: {@code /apiKeyRequired}, {@code /authorizationType}, {@code /authorizerId}, {@code /operationName}. */
    public synchronized MethodRecord updateMethod(String apiId, String resourceId, String httpMethod,
            List<Patch> patches) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        MethodRecord method = method(apiId, resourceId, httpMethod);
        checkPatchCount(patches);
        boolean apiKeyRequired = method.apiKeyRequired();
        String authorizationType = method.authorizationType();
        String authorizerId = method.authorizerId();
        String operationName = method.operationName();
        for (Patch patch : patches) {
            switch (patch.path()) {
                case "/apiKeyRequired" -> apiKeyRequired = Boolean.parseBoolean(requireValue(patch));
                case "/authorizationType" -> {
                    authorizationType = requireValue(patch);
                    if (!AUTHORIZATION_TYPES.contains(authorizationType)) {
                        throw badRequest("Invalid authorization type specified. Valid options are NONE, AWS_IAM,"
                                + " CUSTOM, COGNITO_USER_POOLS");
                    }
                }
                case "/authorizerId" -> authorizerId = patch.op().equals("remove") ? null : requireValue(patch);
                case "/operationName" -> operationName = patch.op().equals("remove") ? null : requireValue(patch);
                default -> throw invalidPatch(patch, "/apiKeyRequired, /authorizationType, /authorizerId,"
                        + " /operationName");
            }
        }
        MethodRecord updated = new MethodRecord(method.httpMethod(), authorizationType, apiKeyRequired, authorizerId,
                operationName, method.requestParameters(), method.requestModels(), method.methodResponses(),
                method.integration());
        saveMethod(api, resource, updated);
        return updated;
    }

    /** DeleteMethod. */
    public synchronized void deleteMethod(String apiId, String resourceId, String httpMethod) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        method(apiId, resourceId, httpMethod);
        Map<String, MethodRecord> methods = new HashMap<>(resource.methods());
        methods.remove(httpMethod);
        Map<String, ResourceRecord> resources = new HashMap<>(api.resources());
        resources.put(resourceId, resource.withMethods(methods));
        save(api.withResources(resources));
    }

    /** PutMethodResponse. */
    public synchronized MethodResponseRecord putMethodResponse(String apiId, String resourceId, String httpMethod,
            String statusCode, Map<String, Boolean> responseParameters, Map<String, String> responseModels) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        MethodRecord method = method(apiId, resourceId, httpMethod);
        validStatusCode(statusCode);
        MethodResponseRecord response = new MethodResponseRecord(statusCode, responseParameters, responseModels);
        Map<String, MethodResponseRecord> responses = new HashMap<>(method.methodResponses());
        responses.put(statusCode, response);
        saveMethod(api, resource, method.withMethodResponses(responses));
        return response;
    }

    /** GetMethodResponse. */
    public MethodResponseRecord methodResponse(String apiId, String resourceId, String httpMethod, String statusCode) {
        return Optional.ofNullable(method(apiId, resourceId, httpMethod).methodResponses().get(statusCode))
                .orElseThrow(() -> notFound("Invalid Response status code specified"));
    }

    /** DeleteMethodResponse. */
    public synchronized void deleteMethodResponse(String apiId, String resourceId, String httpMethod,
            String statusCode) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        MethodRecord method = method(apiId, resourceId, httpMethod);
        methodResponse(apiId, resourceId, httpMethod, statusCode);
        Map<String, MethodResponseRecord> responses = new HashMap<>(method.methodResponses());
        responses.remove(statusCode);
        saveMethod(api, resource, method.withMethodResponses(responses));
    }

    /**
     * PutIntegration: sets (or replaces) the method's integration. For {@code AWS_PROXY} the URI is a
     * Lambda invocation ARN, which may name the alias with {@code ${stageVariables.name}}.
     */
    public synchronized IntegrationRecord putIntegration(String apiId, String resourceId, String httpMethod,
            IntegrationSpec spec) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        MethodRecord method = method(apiId, resourceId, httpMethod);
        String type = spec.type();
        if (type == null || !INTEGRATION_TYPES.contains(type)) {
            throw badRequest("Invalid integration type specified. Valid options are HTTP, AWS, MOCK, HTTP_PROXY,"
                    + " AWS_PROXY");
        }
        if (!type.equals("MOCK")) {
            if (spec.httpMethod().isEmpty()) {
                throw badRequest("Enumeration value for HttpMethod must be non-empty");
            }
            validHttpMethod(spec.httpMethod().get());
            if (spec.uri().isEmpty() || spec.uri().get().isBlank()) {
                throw badRequest("Invalid ARN specified in the request");
            }
        }
        if (type.equals("AWS") || type.equals("AWS_PROXY")) {
            String uri = spec.uri().get();
            if (!uri.startsWith("arn:") || !(uri.contains(":path/") || uri.contains(":action/"))) {
                throw badRequest("AWS ARN for integration must contain path or action");
            }
            if (type.equals("AWS_PROXY") && !LAMBDA_INVOCATION_URI.matcher(uri).matches()) {
                throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and"
                        + " Firehose stream invocations.");
            }
        }
        if ((type.equals("HTTP") || type.equals("HTTP_PROXY"))
                && !(spec.uri().get().startsWith("http://") || spec.uri().get().startsWith("https://"))) {
            throw badRequest("Invalid HTTP endpoint specified for URI");
        }
        int timeout = spec.timeoutInMillis().orElse(DEFAULT_TIMEOUT_MILLIS);
        if (timeout < 50 || timeout > DEFAULT_TIMEOUT_MILLIS) {
            throw badRequest("Timeout should be between 50 ms and 29000 ms");
        }
        Map<String, IntegrationResponseRecord> kept = method.integrationIfAny()
                .map(IntegrationRecord::integrationResponses).orElse(Map.of());
        IntegrationRecord integration = new IntegrationRecord(type, spec.httpMethod().orElse(null),
                spec.uri().orElse(null), spec.credentials().orElse(null), spec.requestParameters(),
                spec.requestTemplates(), spec.passthroughBehavior().orElse("WHEN_NO_MATCH"),
                spec.contentHandling().orElse(null), timeout, spec.cacheNamespace().orElse(resourceId),
                spec.cacheKeyParameters(), spec.connectionType().orElse("INTERNET"), kept);
        saveMethod(api, resource, method.withIntegration(integration));
        return integration;
    }

    /** GetIntegration. */
    public IntegrationRecord integration(String apiId, String resourceId, String httpMethod) {
        return method(apiId, resourceId, httpMethod).integrationIfAny()
                .orElseThrow(() -> notFound("No integration defined for method"));
    }

    /** DeleteIntegration. */
    public synchronized void deleteIntegration(String apiId, String resourceId, String httpMethod) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        integration(apiId, resourceId, httpMethod);
        saveMethod(api, resource, method(apiId, resourceId, httpMethod).withIntegration(null));
    }

    /** PutIntegrationResponse. */
    public synchronized IntegrationResponseRecord putIntegrationResponse(String apiId, String resourceId,
            String httpMethod, String statusCode, Optional<String> selectionPattern,
            Map<String, String> responseParameters, Map<String, String> responseTemplates,
            Optional<String> contentHandling) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        MethodRecord method = method(apiId, resourceId, httpMethod);
        IntegrationRecord integration = integration(apiId, resourceId, httpMethod);
        validStatusCode(statusCode);
        IntegrationResponseRecord response = new IntegrationResponseRecord(statusCode, selectionPattern.orElse(null),
                responseParameters, responseTemplates, contentHandling.orElse(null));
        Map<String, IntegrationResponseRecord> responses = new HashMap<>(integration.integrationResponses());
        responses.put(statusCode, response);
        saveMethod(api, resource, method.withIntegration(integration.withIntegrationResponses(responses)));
        return response;
    }

    /** GetIntegrationResponse. */
    public IntegrationResponseRecord integrationResponse(String apiId, String resourceId, String httpMethod,
            String statusCode) {
        return Optional.ofNullable(integration(apiId, resourceId, httpMethod).integrationResponses().get(statusCode))
                .orElseThrow(() -> notFound("Invalid Response status code specified"));
    }

    /** DeleteIntegrationResponse. */
    public synchronized void deleteIntegrationResponse(String apiId, String resourceId, String httpMethod,
            String statusCode) {
        RestApiRecord api = restApi(apiId);
        ResourceRecord resource = resource(apiId, resourceId);
        MethodRecord method = method(apiId, resourceId, httpMethod);
        IntegrationRecord integration = integration(apiId, resourceId, httpMethod);
        integrationResponse(apiId, resourceId, httpMethod, statusCode);
        Map<String, IntegrationResponseRecord> responses = new HashMap<>(integration.integrationResponses());
        responses.remove(statusCode);
        saveMethod(api, resource, method.withIntegration(integration.withIntegrationResponses(responses)));
    }

    // ================================================================== deployments

    /**
     * CreateDeployment: freezes the API's current resources, methods and integrations. With a stage
     * name, creates that stage (with the variables) or moves it to the new deployment.
     */
    public synchronized DeploymentRecord createDeployment(String apiId, DeploymentSpec spec) {
        RestApiRecord api = restApi(apiId);
        boolean anyMethod = false;
        for (ResourceRecord resource : api.resources().values()) {
            for (MethodRecord method : resource.methods().values()) {
                anyMethod = true;
                if (method.integration() == null) {
                    throw badRequest("No integration defined for method");
                }
            }
        }
        if (!anyMethod) {
            throw badRequest("The REST API doesn't contain any methods");
        }
        if (api.deployments().size() >= MAX_DEPLOYMENTS) {
            throw limitExceeded("Cannot exceed " + MAX_DEPLOYMENTS + " deployments per REST API");
        }
        if (spec.stageName().isPresent()) {
            validStageName(spec.stageName().get());
        }
        String id = newId(6, api.deployments()::containsKey);
        DeploymentRecord deployment = new DeploymentRecord(id, spec.description().orElse(null), clock.now(),
                api.resources());
        Map<String, DeploymentRecord> deployments = new HashMap<>(api.deployments());
        deployments.put(id, deployment);
        RestApiRecord updated = api.withDeployments(deployments);
        if (spec.stageName().isPresent()) {
            String stageName = spec.stageName().get();
            Map<String, StageRecord> stages = new HashMap<>(updated.stages());
            StageRecord existing = stages.get(stageName);
            Instant now = clock.now();
            StageRecord stage;
            if (existing == null) {
                checkStageCount(updated);
                stage = new StageRecord(stageName, id, spec.stageDescription().orElse(null), spec.variables(), Map.of(),
                        false, Map.of(), now, now);
            } else {
                Map<String, String> variables = new HashMap<>(existing.variables());
                variables.putAll(spec.variables());
                stage = new StageRecord(stageName, id, spec.stageDescription().orElse(existing.description()),
                        variables, existing.methodSettings(), existing.tracingEnabled(), existing.tags(),
                        existing.createdDate(), now);
            }
            stages.put(stageName, stage);
            updated = updated.withStages(stages);
        }
        save(updated);
        return deployment;
    }

    /** GetDeployment. */
    public DeploymentRecord deployment(String apiId, String deploymentId) {
        return restApi(apiId).deployment(deploymentId)
                .orElseThrow(() -> notFound("Invalid Deployment identifier specified"));
    }

    /** GetDeployments, oldest first. */
    public List<DeploymentRecord> deployments(String apiId) {
        return restApi(apiId).deployments().values().stream().sorted(Comparator.comparing(
                DeploymentRecord::createdDate).thenComparing(DeploymentRecord::id)).toList();
    }

    /** UpdateDeployment: its description is all that changes (the API definition it holds never does). */
    public synchronized DeploymentRecord updateDeployment(String apiId, String deploymentId, List<Patch> patches) {
        RestApiRecord api = restApi(apiId);
        DeploymentRecord current = deployment(apiId, deploymentId);
        checkPatchCount(patches);
        String description = current.description();
        for (Patch patch : patches) {
            if (!patch.path().equals("/description")) {
                throw invalidPatch(patch, "/description");
            }
            description = patch.op().equals("remove") ? null : requireValue(patch);
        }
        DeploymentRecord updated = new DeploymentRecord(current.id(), description, current.createdDate(),
                current.resources());
        Map<String, DeploymentRecord> deployments = new HashMap<>(api.deployments());
        deployments.put(deploymentId, updated);
        save(api.withDeployments(deployments));
        return updated;
    }

    /** DeleteDeployment: refused while a stage serves it. */
    public synchronized void deleteDeployment(String apiId, String deploymentId) {
        RestApiRecord api = restApi(apiId);
        deployment(apiId, deploymentId);
        if (api.stages().values().stream().anyMatch(s -> s.deploymentId().equals(deploymentId))) {
            throw badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        Map<String, DeploymentRecord> deployments = new HashMap<>(api.deployments());
        deployments.remove(deploymentId);
        save(api.withDeployments(deployments));
    }

    // ================================================================== stages

    /** CreateStage. */
    public synchronized StageRecord createStage(String apiId, StageSpec spec) {
        RestApiRecord api = restApi(apiId);
        validStageName(spec.stageName());
        if (spec.deploymentId() == null) {
            throw badRequest("Invalid deployment identifier specified");
        }
        deployment(apiId, spec.deploymentId());
        if (api.stages().containsKey(spec.stageName())) {
            throw conflict("Stage already exists");
        }
        checkStageCount(api);
        Instant now = clock.now();
        StageRecord stage = new StageRecord(spec.stageName(), spec.deploymentId(), spec.description().orElse(null),
                spec.variables(), Map.of(), spec.tracingEnabled(), spec.tags(), now, now);
        Map<String, StageRecord> stages = new HashMap<>(api.stages());
        stages.put(stage.stageName(), stage);
        save(api.withStages(stages));
        return stage;
    }

    /** GetStage. */
    public StageRecord stage(String apiId, String stageName) {
        return restApi(apiId).stage(stageName).orElseThrow(() -> notFound("Invalid Stage identifier specified"));
    }

    /** GetStages, optionally only those serving {@code deploymentId}. */
    public List<StageRecord> stages(String apiId, Optional<String> deploymentId) {
        return restApi(apiId).stages().values().stream()
                .filter(s -> deploymentId.isEmpty() || s.deploymentId().equals(deploymentId.get()))
                .sorted(Comparator.comparing(StageRecord::stageName)).toList();
    }

    /**
     * UpdateStage: {@code /deploymentId}, {@code /description}, {@code /tracingEnabled},
     * {@code /variables/<name>} (add, replace, remove) and method settings
     * {@code /<resource path>/<METHOD>/<setting>} with {@code ~1} for {@code /} in the resource path, or
     * {@code /*}{@code /*}{@code /<setting>} for every method, e.g. {@code /*}{@code /*}{@code /throttling/rateLimit}.
     */
    public synchronized StageRecord updateStage(String apiId, String stageName, List<Patch> patches) {
        RestApiRecord api = restApi(apiId);
        StageRecord stage = stage(apiId, stageName);
        checkPatchCount(patches);
        String deploymentId = stage.deploymentId();
        String description = stage.description();
        boolean tracing = stage.tracingEnabled();
        Map<String, String> variables = new LinkedHashMap<>(stage.variables());
        Map<String, Map<String, String>> settings = new LinkedHashMap<>(stage.methodSettings());
        for (Patch patch : patches) {
            String path = patch.path();
            if (path.equals("/deploymentId")) {
                deploymentId = requireValue(patch);
                deployment(apiId, deploymentId);
            } else if (path.equals("/description")) {
                description = patch.op().equals("remove") ? null : requireValue(patch);
            } else if (path.equals("/tracingEnabled")) {
                tracing = Boolean.parseBoolean(requireValue(patch));
            } else if (path.startsWith("/variables/") && path.length() > "/variables/".length()) {
                String name = unescape(path.substring("/variables/".length()));
                switch (patch.op()) {
                    case "add", "replace" -> variables.put(name, requireValue(patch));
                    case "remove" -> variables.remove(name);
                    default -> throw invalidPatch(patch, "add, replace, remove");
                }
            } else {
                applyMethodSetting(settings, patch);
            }
        }
        for (String name : variables.keySet()) {
            if (!name.matches("[A-Za-z0-9_]{1,64}")) {
                throw badRequest("Stage variable names must only contain alphanumeric characters and underscores,"
                        + " and be at most 64 characters: " + name);
            }
        }
        StageRecord updated = new StageRecord(stageName, deploymentId, description, variables, settings, tracing,
                stage.tags(), stage.createdDate(), clock.now());
        Map<String, StageRecord> stages = new HashMap<>(api.stages());
        stages.put(stageName, updated);
        save(api.withStages(stages));
        return updated;
    }

    /** Method settings patch paths: {@code /<method key>/<group>/<name>}, the key being two segments. */
    private static void applyMethodSetting(Map<String, Map<String, String>> settings, Patch patch) {
        String[] parts = patch.path().substring(1).split("/", -1);
        Set<String> known = Set.of("throttling/rateLimit", "throttling/burstLimit", "metrics/enabled",
                "logging/loglevel", "logging/dataTrace", "caching/enabled", "caching/ttlInSeconds",
                "caching/dataEncrypted", "caching/requireAuthorizationForCacheControl",
                "caching/unauthorizedCacheControlHeaderStrategy");
        if (parts.length != 4 || !known.contains(parts[2] + "/" + parts[3])) {
            throw invalidPatch(patch, "/deploymentId, /description, /tracingEnabled, /variables/<name>,"
                    + " /<resource path>/<method>/throttling/rateLimit (or burstLimit, metrics/enabled,"
                    + " logging/loglevel, logging/dataTrace, caching/...)");
        }
        String resourcePath = unescape(parts[0]);
        String method = parts[1];
        if (!(resourcePath.equals("*") && method.equals("*"))) {
            validHttpMethod(method);
        }
        String key = resourcePath + "/" + method;
        String setting = parts[2] + "/" + parts[3];
        Map<String, String> values = new LinkedHashMap<>(settings.getOrDefault(key, Map.of()));
        switch (patch.op()) {
            case "add", "replace" -> {
                String value = requireValue(patch);
                if (setting.startsWith("throttling/")) {
                    try {
                        if (Double.parseDouble(value) < 0) {
                            throw badRequest("Throttling values must be non-negative: " + value);
                        }
                    } catch (NumberFormatException e) {
                        throw badRequest("Invalid value for " + setting + ": " + value);
                    }
                }
                values.put(setting, value);
            }
            case "remove" -> values.remove(setting);
            default -> throw invalidPatch(patch, "add, replace, remove");
        }
        if (values.isEmpty()) {
            settings.remove(key);
        } else {
            settings.put(key, Map.copyOf(values));
        }
    }

    /** DeleteStage. */
    public synchronized void deleteStage(String apiId, String stageName) {
        RestApiRecord api = restApi(apiId);
        stage(apiId, stageName);
        Map<String, StageRecord> stages = new HashMap<>(api.stages());
        stages.remove(stageName);
        save(api.withStages(stages));
    }

    // ================================================================== API keys

    /** CreateApiKey: a given value (20 to 128 characters) or a generated 40-character one. */
    public synchronized ApiKeyRecord createApiKey(ApiKeySpec spec) {
        if (keys.size() >= MAX_API_KEYS) {
            throw limitExceeded("Cannot exceed " + MAX_API_KEYS + " API keys in this region");
        }
        String value;
        if (spec.value().isPresent()) {
            value = spec.value().get();
            if (value.length() < 20) {
                throw badRequest("API Key value should be at least 20 characters");
            }
            if (value.length() > 128 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw badRequest("API Key value should be at most 128 printable ASCII characters");
            }
            if (keyIdsByValue.containsKey(value)) {
                throw conflict("API Key already exists");
            }
        } else {
            do {
                value = randomText(40, KEY_CHARS);
            } while (keyIdsByValue.containsKey(value));
        }
        Instant now = clock.now();
        String id = newId(10, keys::containsKey);
        ApiKeyRecord key = new ApiKeyRecord(id, value, spec.name().orElse(null), spec.description().orElse(null),
                spec.enabled(), spec.customerId().orElse(null), spec.stageKeys(), spec.tags(), now, now);
        saveKey(key);
        return key;
    }

    /** GetApiKey. */
    public ApiKeyRecord apiKey(String keyId) {
        ApiKeyRecord key = keys.get(keyId);
        if (key == null) {
            throw notFound("Invalid API Key identifier specified");
        }
        return key;
    }

    /** GetApiKeys: by name prefix and customer id when given, oldest first. */
    public List<ApiKeyRecord> apiKeys(Optional<String> nameQuery, Optional<String> customerId) {
        return keys.values().stream()
                .filter(k -> nameQuery.isEmpty() || (k.name() != null && k.name().startsWith(nameQuery.get())))
                .filter(k -> customerId.isEmpty() || customerId.get().equals(k.customerId()))
                .sorted(Comparator.comparing(ApiKeyRecord::createdDate).thenComparing(ApiKeyRecord::id)).toList();
    }

    /** UpdateApiKey: {@code /name}, {@code /description}, {@code /enabled}, {@code /customerId}. */
    public synchronized ApiKeyRecord updateApiKey(String keyId, List<Patch> patches) {
        ApiKeyRecord key = apiKey(keyId);
        checkPatchCount(patches);
        String name = key.name();
        String description = key.description();
        boolean enabled = key.enabled();
        String customerId = key.customerId();
        for (Patch patch : patches) {
            switch (patch.path()) {
                case "/name" -> name = requireValue(patch);
                case "/description" -> description = patch.op().equals("remove") ? null : requireValue(patch);
                case "/enabled" -> enabled = Boolean.parseBoolean(requireValue(patch));
                case "/customerId" -> customerId = patch.op().equals("remove") ? null : requireValue(patch);
                default -> throw invalidPatch(patch, "/name, /description, /enabled, /customerId");
            }
        }
        ApiKeyRecord updated = new ApiKeyRecord(key.id(), key.value(), name, description, enabled, customerId,
                key.stageKeys(), key.tags(), key.createdDate(), clock.now());
        saveKey(updated);
        return updated;
    }

    /** DeleteApiKey: also leaves every usage plan. */
    public synchronized void deleteApiKey(String keyId) {
        ApiKeyRecord key = apiKey(keyId);
        for (UsagePlanRecord plan : List.copyOf(plans.values())) {
            if (plan.keys().containsKey(keyId)) {
                Map<String, PlanKey> remaining = new HashMap<>(plan.keys());
                remaining.remove(keyId);
                savePlan(plan.withKeys(remaining));
                limits.forget(plan.id(), keyId);
            }
        }
        keys.remove(keyId);
        keyIdsByValue.remove(key.value());
        keyStore.remove(keyId);
        reindexPlans();
    }

    // ================================================================== usage plans

    /** CreateUsagePlan: its API stages must exist. */
    public synchronized UsagePlanRecord createUsagePlan(UsagePlanSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw badRequest("Invalid usage plan name specified");
        }
        if (plans.size() >= MAX_USAGE_PLANS) {
            throw limitExceeded("Cannot exceed " + MAX_USAGE_PLANS + " usage plans in this region");
        }
        spec.apiStages().forEach(this::checkApiStage);
        checkDistinctStages(spec.apiStages());
        spec.throttle().ifPresent(ApiGatewayBackend::checkThrottle);
        spec.quota().ifPresent(ApiGatewayBackend::checkQuota);
        String id = newId(6, plans::containsKey);
        UsagePlanRecord plan = new UsagePlanRecord(id, spec.name(), spec.description().orElse(null), spec.apiStages(),
                spec.throttle().orElse(null), spec.quota().orElse(null), Map.of(), spec.tags());
        savePlan(plan);
        reindexPlans();
        return plan;
    }

    /** GetUsagePlan. */
    public UsagePlanRecord usagePlan(String planId) {
        UsagePlanRecord plan = plans.get(planId);
        if (plan == null) {
            throw notFound("Invalid Usage Plan ID specified");
        }
        return plan;
    }

    /** GetUsagePlans: all, or those holding {@code keyId}. */
    public List<UsagePlanRecord> usagePlans(Optional<String> keyId) {
        return plans.values().stream().filter(p -> keyId.isEmpty() || p.keys().containsKey(keyId.get()))
                .sorted(Comparator.comparing(UsagePlanRecord::name).thenComparing(UsagePlanRecord::id)).toList();
    }

    /**
     * UpdateUsagePlan: {@code /name}, {@code /description}, {@code /throttle/rateLimit},
     * {@code /throttle/burstLimit}, {@code /quota/limit}, {@code /quota/offset}, {@code /quota/period},
     * remove {@code /throttle} or {@code /quota}, add or remove {@code /apiStages} (value
     * {@code apiId:stage}).
     */
    public synchronized UsagePlanRecord updateUsagePlan(String planId, List<Patch> patches) {
        UsagePlanRecord plan = usagePlan(planId);
        checkPatchCount(patches);
        String name = plan.name();
        String description = plan.description();
        List<ApiStageRef> stages = new ArrayList<>(plan.apiStages());
        Throttle throttle = plan.throttle();
        Quota quota = plan.quota();
        for (Patch patch : patches) {
            String path = patch.path();
            boolean remove = patch.op().equals("remove");
            switch (path) {
                case "/name" -> name = requireValue(patch);
                case "/description" -> description = remove ? null : requireValue(patch);
                case "/throttle" -> {
                    if (!remove) {
                        throw invalidPatch(patch, "remove");
                    }
                    throttle = null;
                }
                case "/throttle/rateLimit" -> throttle = new Throttle(number(patch),
                        throttle == null ? 0 : throttle.burstLimit());
                case "/throttle/burstLimit" -> throttle = new Throttle(throttle == null ? 0 : throttle.rateLimit(),
                        (int) number(patch));
                case "/quota" -> {
                    if (!remove) {
                        throw invalidPatch(patch, "remove");
                    }
                    quota = null;
                }
                case "/quota/limit" -> quota = new Quota((int) number(patch), quota == null ? 0 : quota.offset(),
                        quota == null ? "DAY" : quota.period());
                case "/quota/offset" -> quota = new Quota(quota == null ? 0 : quota.limit(), (int) number(patch),
                        quota == null ? "DAY" : quota.period());
                case "/quota/period" -> quota = new Quota(quota == null ? 0 : quota.limit(),
                        quota == null ? 0 : quota.offset(), requireValue(patch));
                case "/apiStages" -> {
                    String[] ref = requireValue(patch).split(":", 2);
                    if (ref.length != 2) {
                        throw badRequest("Invalid API stage specified: " + patch.value().orElse("") + " (expected"
                                + " apiId:stage)");
                    }
                    ApiStageRef stage = new ApiStageRef(ref[0], ref[1], Map.of());
                    switch (patch.op()) {
                        case "add" -> {
                            checkApiStage(stage);
                            if (stages.stream().noneMatch(s -> s.apiId().equals(ref[0]) && s.stage().equals(ref[1]))) {
                                stages.add(stage);
                            }
                        }
                        case "remove" -> stages.removeIf(s -> s.apiId().equals(ref[0]) && s.stage().equals(ref[1]));
                        default -> throw invalidPatch(patch, "add, remove");
                    }
                }
                default -> throw invalidPatch(patch, "/name, /description, /throttle/rateLimit,"
                        + " /throttle/burstLimit, /quota/limit, /quota/offset, /quota/period, /apiStages");
            }
        }
        if (throttle != null) {
            checkThrottle(throttle);
        }
        if (quota != null) {
            checkQuota(quota);
        }
        UsagePlanRecord updated = new UsagePlanRecord(plan.id(), name, description, stages, throttle, quota,
                plan.keys(), plan.tags());
        checkKeysStayUnique(updated);
        savePlan(updated);
        reindexPlans();
        return updated;
    }

    /** DeleteUsagePlan. */
    public synchronized void deleteUsagePlan(String planId) {
        usagePlan(planId);
        plans.remove(planId);
        planStore.remove(planId);
        limits.forget(planId, "");
        reindexPlans();
    }

    /** CreateUsagePlanKey: admits an API key to the plan's stages ({@code keyType} API_KEY). */
    public synchronized UsagePlanKeyView createUsagePlanKey(String planId, String keyId, String keyType) {
        UsagePlanRecord plan = usagePlan(planId);
        if (!"API_KEY".equals(keyType)) {
            throw badRequest("Invalid key type specified. Valid options are API_KEY");
        }
        ApiKeyRecord key = apiKey(keyId);
        if (plan.keys().containsKey(keyId)) {
            throw conflict("Usage Plan Key already exists");
        }
        Map<String, PlanKey> planKeys = new HashMap<>(plan.keys());
        planKeys.put(keyId, new PlanKey(keyId, keyType, clock.now()));
        UsagePlanRecord updated = plan.withKeys(planKeys);
        checkKeysStayUnique(updated);
        savePlan(updated);
        reindexPlans();
        return new UsagePlanKeyView(key.id(), keyType, key.value(), Optional.ofNullable(key.name()));
    }

    /** A key as a plan lists it (UsagePlanKey): id, type, value and name. */
    public record UsagePlanKeyView(String id, String type, String value, Optional<String> name) {
    }

    /** GetUsagePlanKey. */
    public UsagePlanKeyView usagePlanKey(String planId, String keyId) {
        UsagePlanRecord plan = usagePlan(planId);
        PlanKey planKey = plan.keys().get(keyId);
        ApiKeyRecord key = keys.get(keyId);
        if (planKey == null || key == null) {
            throw notFound("Invalid Usage Plan Key identifier specified");
        }
        return new UsagePlanKeyView(key.id(), planKey.type(), key.value(), Optional.ofNullable(key.name()));
    }

    /** GetUsagePlanKeys: optionally by key name prefix. */
    public List<UsagePlanKeyView> usagePlanKeys(String planId, Optional<String> nameQuery) {
        UsagePlanRecord plan = usagePlan(planId);
        List<UsagePlanKeyView> views = new ArrayList<>();
        for (PlanKey planKey : plan.keys().values()) {
            ApiKeyRecord key = keys.get(planKey.keyId());
            if (key != null && (nameQuery.isEmpty() || (key.name() != null && key.name().startsWith(nameQuery.get())))) {
                views.add(new UsagePlanKeyView(key.id(), planKey.type(), key.value(), Optional.ofNullable(key.name())));
            }
        }
        views.sort(Comparator.comparing(UsagePlanKeyView::id));
        return views;
    }

    /** DeleteUsagePlanKey. */
    public synchronized void deleteUsagePlanKey(String planId, String keyId) {
        UsagePlanRecord plan = usagePlan(planId);
        if (!plan.keys().containsKey(keyId)) {
            throw notFound("Invalid Usage Plan Key identifier specified");
        }
        Map<String, PlanKey> remaining = new HashMap<>(plan.keys());
        remaining.remove(keyId);
        savePlan(plan.withKeys(remaining));
        limits.forget(planId, keyId);
        reindexPlans();
    }

    // ================================================================== for the data plane

    /**
     * The enabled key whose value is {@code keyValue} and the plan admitting it to the API stage,
     * if there is one: what a key-protected method requires.
     */
    public Optional<Grant> grant(String apiId, String stage, String keyValue) {
        String keyId = keyIdsByValue.get(keyValue);
        if (keyId == null) {
            return Optional.empty();
        }
        ApiKeyRecord key = keys.get(keyId);
        if (key == null || !key.enabled()) {
            return Optional.empty();
        }
        String planId = planIndex.get(apiId + "/" + stage + "/" + keyId);
        UsagePlanRecord plan = planId == null ? null : plans.get(planId);
        if (plan == null) {
            return Optional.empty();
        }
        return plan.apiStage(apiId, stage).map(apiStage -> new Grant(key, plan, apiStage));
    }

    UsageLimits limits() {
        return limits;
    }

    EmulatorClock clock() {
        return clock;
    }

    /** Writes the quota counts; the emulator stops. */
    @Override
    public void close() {
        quotaFlush.cancel();
        limits.flush();
    }

    // ================================================================== helpers

    private void checkApiStage(ApiStageRef ref) {
        RestApiRecord api = restApi(ref.apiId());
        if (!api.stages().containsKey(ref.stage())) {
            throw badRequest("Invalid stage identifier specified");
        }
        for (Map.Entry<String, Throttle> method : ref.methodThrottles().entrySet()) {
            checkThrottle(method.getValue());
            int slash = method.getKey().lastIndexOf('/');
            if (slash < 0 || !method.getKey().startsWith("/")) {
                throw badRequest("Invalid method throttle key " + method.getKey() + " (expected /resource/path/METHOD)");
            }
            validHttpMethod(method.getKey().substring(slash + 1));
        }
    }

    private static void checkDistinctStages(List<ApiStageRef> stages) {
        Set<String> seen = new java.util.HashSet<>();
        for (ApiStageRef stage : stages) {
            if (!seen.add(stage.apiId() + ":" + stage.stage())) {
                throw badRequest("Duplicate API stage " + stage.apiId() + ":" + stage.stage() + " in usage plan");
            }
        }
    }

    /** A key may reach one API stage through one plan only. */
    private void checkKeysStayUnique(UsagePlanRecord changed) {
        for (UsagePlanRecord other : plans.values()) {
            if (other.id().equals(changed.id())) {
                continue;
            }
            for (String keyId : changed.keys().keySet()) {
                if (!other.keys().containsKey(keyId)) {
                    continue;
                }
                for (ApiStageRef stage : changed.apiStages()) {
                    if (other.apiStage(stage.apiId(), stage.stage()).isPresent()) {
                        throw conflict("Usage Plan " + changed.id() + " cannot be added because API Key " + keyId
                                + " cannot reference multiple Usage Plans with the same API Stage: " + stage.apiId()
                                + ":" + stage.stage());
                    }
                }
            }
        }
    }

    private static void checkThrottle(Throttle throttle) {
        if (!(throttle.rateLimit() >= 0) || throttle.burstLimit() < 0) {
            throw badRequest("Throttle rate and burst limits must be non-negative");
        }
    }

    private static void checkQuota(Quota quota) {
        if (quota.period() == null || !QUOTA_PERIODS.contains(quota.period())) {
            throw badRequest("Invalid quota period specified. Valid options are DAY, WEEK, MONTH");
        }
        if (quota.limit() < 0) {
            throw badRequest("Quota limit must be non-negative");
        }
        if (quota.offset() < 0 || (quota.offset() > 0 && quota.offset() >= quota.limit())) {
            throw badRequest("Quota offset must be non-negative and less than the limit");
        }
    }

    private void checkStageCount(RestApiRecord api) {
        if (api.stages().size() >= MAX_STAGES) {
            throw limitExceeded("Cannot exceed " + MAX_STAGES + " stages per REST API");
        }
    }

    private static void validStageName(String name) {
        if (name == null || !STAGE_NAME.matcher(name).matches()) {
            throw badRequest("Stage name only allows a-zA-Z0-9_- and must be 1 to 128 characters");
        }
    }

    private static String validHttpMethod(String method) {
        if (method == null || !HTTP_METHODS.contains(method)) {
            throw badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,"
                    + "HEAD,ANY");
        }
        return method;
    }

    private static void validStatusCode(String statusCode) {
        if (statusCode == null || !STATUS_CODE.matcher(statusCode).matches()) {
            throw badRequest("Invalid status code specified: " + statusCode);
        }
    }

    private static boolean isVariable(String pathPart) {
        return pathPart.startsWith("{");
    }

    private static void checkPatchCount(List<Patch> patches) {
        if (patches.size() > MAX_PATCH_OPERATIONS) {
            throw badRequest("Too many patch operations: at most " + MAX_PATCH_OPERATIONS);
        }
    }

    private static String requireValue(Patch patch) {
        return patch.value().orElseThrow(() -> badRequest("Invalid patch operation: a value is required for op '"
                + patch.op() + "' on path '" + patch.path() + "'"));
    }

    private static double number(Patch patch) {
        String value = requireValue(patch);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw badRequest("Invalid number for " + patch.path() + ": " + value);
        }
    }

    /** JSON Pointer escapes in patch paths: {@code ~1} is {@code /}, {@code ~0} is {@code ~}. */
    static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private static AwsException invalidPatch(Patch patch, String supported) {
        return badRequest("Invalid patch path '" + patch.path() + "' specified for op '" + patch.op()
                + "'. Supported: " + supported);
    }

    private void saveMethod(RestApiRecord api, ResourceRecord resource, MethodRecord method) {
        Map<String, MethodRecord> methods = new HashMap<>(resource.methods());
        methods.put(method.httpMethod(), method);
        Map<String, ResourceRecord> resources = new HashMap<>(api.resources());
        resources.put(resource.id(), resource.withMethods(methods));
        save(api.withResources(resources));
    }

    private void save(RestApiRecord api) {
        apiStore.put(api.id(), api);
        apis.put(api.id(), api);
    }

    private void saveKey(ApiKeyRecord key) {
        keyStore.put(key.id(), key);
        keys.put(key.id(), key);
        keyIdsByValue.put(key.value(), key.id());
    }

    private void savePlan(UsagePlanRecord plan) {
        planStore.put(plan.id(), plan);
        plans.put(plan.id(), plan);
    }

    private void reindexPlans() {
        Map<String, String> index = new HashMap<>();
        for (UsagePlanRecord plan : plans.values()) {
            for (ApiStageRef stage : plan.apiStages()) {
                for (String keyId : plan.keys().keySet()) {
                    index.put(stage.apiId() + "/" + stage.stage() + "/" + keyId, plan.id());
                }
            }
        }
        planIndex = Map.copyOf(index);
    }

    private String newId(int length, java.util.function.Predicate<String> taken) {
        String id;
        do {
            id = randomText(length, ID_CHARS);
        } while (taken.test(id));
        return id;
    }

    private String randomText(int length, char[] alphabet) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(chars);
    }

    static AwsException notFound(String message) {
        return new AwsException("NotFoundException", message, 404);
    }

    static AwsException badRequest(String message) {
        return new AwsException("BadRequestException", message, 400);
    }

    static AwsException conflict(String message) {
        return new AwsException("ConflictException", message, 409);
    }

    static AwsException limitExceeded(String message) {
        return new AwsException("LimitExceededException", message, 429);
    }
}
