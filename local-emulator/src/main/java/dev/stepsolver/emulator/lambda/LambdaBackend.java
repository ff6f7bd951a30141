package dev.stepsolver.emulator.lambda;

import dev.stepsolver.emulator.ecr.EcrBackend;
import dev.stepsolver.emulator.ecr.ImageRecord;
import dev.stepsolver.emulator.lambda.runtime.FunctionImage;
import dev.stepsolver.emulator.lambda.runtime.FunctionRuntime;
import dev.stepsolver.emulator.lambda.runtime.ImageCache;
import dev.stepsolver.emulator.lambda.runtime.InstanceSpec;
import dev.stepsolver.emulator.lambda.runtime.Outcome;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.Fault;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda: container-image functions, their versions and aliases, and invocation on real processes
 * ({@link FunctionRuntime}). A function is Pending until its image is unpacked, then Active; an
 * update is InProgress until its image is, then Successful (so the SDK's waiters work). Each
 * invocation records Invocations, Errors, Duration or Throttles into CloudWatch ({@link LambdaMetrics}).
 *
 * <p>For other services: {@link #invoke}, {@link #alias} and {@link #updateAlias}.
 */
public final class LambdaBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaBackend.class);

    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}");
    private static final Pattern ARN = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):)?(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9-_]+)(?::(\\$LATEST|[a-zA-Z0-9-_]+))?");
    private static final Duration PREPARE_WAIT = Duration.ofMinutes(2);

    private final EmulatorClock clock;
    private final String region;
    private final String accountId;
    private final EcrBackend registry;
    private final FunctionRuntime runtime;
    private final ImageCache images;
    private final Optional<LambdaMetrics> metrics;
    private final PersistentCollection<FunctionRecord> store;
    private final FunctionPolicies policies;
    private final Map<String, FunctionRecord> functions = new TreeMap<>();
    private final Map<String, CompletableFuture<FunctionImage>> preparations = new ConcurrentHashMap<>();
    private final ExecutorService preparer = Executors.newVirtualThreadPerTaskExecutor();
    private final Random routing;
    private final Runnable onClose;

    /** A function name (or ARN) and qualifier, resolved. */
    record Target(FunctionRecord function, Optional<String> qualifier) {
    }

    LambdaBackend(EmulatorClock clock, StateStore state, String region, String accountId, EcrBackend registry,
            FunctionRuntime runtime, ImageCache images, Optional<LambdaMetrics> metrics, Random routing,
            Runnable onClose) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.registry = registry;
        this.runtime = runtime;
        this.images = images;
        this.metrics = metrics;
        this.routing = routing;
        this.onClose = onClose;
        this.store = state.collection("lambda.functions", FunctionRecord.class);
        functions.putAll(store.loadAll());
        this.policies = new FunctionPolicies(state);
        for (FunctionRecord function : functions.values()) {
            if ("Pending".equals(function.latest().state()) || "InProgress".equals(function.latest().lastUpdateStatus())) {
                prepareLatest(function.name(), function.latest().revisionId());
            }
        }
    }

    public String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    // ================================================================ functions

    /** What CreateFunction and UpdateFunctionConfiguration may set. */
    public record Configuration(Optional<String> role, Optional<Integer> timeout, Optional<Integer> memorySize,
            Optional<Map<String, String>> environment, Optional<String> description, Optional<List<String>> command,
            Optional<List<String>> entryPoint, Optional<String> workingDirectory) {
    }

    public synchronized FunctionRecord createFunction(String name, String imageUri, Configuration configuration,
            List<String> architectures, boolean publish) {
        if (!NAME.matcher(name).matches()) {
            throw invalid("1 validation error detected: Value '" + name + "' at 'functionName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: " + NAME.pattern());
        }
        if (functions.containsKey(name)) {
            throw new AwsException("ResourceConflictException", "Function already exist: " + name, 409, Fault.SENDER,
                    Map.of("Type", "User"));
        }
        if (configuration.role().isEmpty()) {
            throw invalid("The role defined for the function cannot be assumed by Lambda.");
        }
        ImageRecord image = resolveImage(imageUri);
        Instant now = clock.now();
        FunctionVersion latest = new FunctionVersion(name, "$LATEST", configuration.description().orElse(""),
                configuration.role().get(), validTimeout(configuration.timeout().orElse(3)),
                validMemory(configuration.memorySize().orElse(128)), validEnvironment(configuration.environment()
                        .orElse(Map.of())), imageUri, registry.pinnedUri(image), image.imageDigest().hex(),
                configuration.command().orElse(List.of()), configuration.entryPoint().orElse(List.of()),
                configuration.workingDirectory().orElse(null),
                architectures.isEmpty() ? List.of("x86_64") : architectures, UUID.randomUUID().toString(), now,
                "Pending", "The function is being created.", "Creating", null, null, null);
        FunctionRecord function = new FunctionRecord(name, functionArn(name), now, latest, List.of(), 0, Map.of(), null);
        save(function);
        prepareLatest(name, latest.revisionId());
        if (publish) {
            awaitPrepared(name);
            publishVersion(name, Optional.empty(), Optional.empty(), Optional.empty());
            return functions.get(name);
        }
        // the answer shows the function as created (Pending), as AWS's does
        return function;
    }

    /** The function, or AWS's ResourceNotFoundException for it. */
    public synchronized FunctionRecord function(String nameOrArn) {
        return target(nameOrArn, Optional.empty()).function();
    }

    public synchronized List<FunctionRecord> functions() {
        return List.copyOf(functions.values());
    }

    /** The configuration a name and qualifier (version or alias; none for $LATEST) select. */
    public synchronized FunctionVersion configuration(String nameOrArn, Optional<String> qualifier) {
        Target target = target(nameOrArn, qualifier);
        String version = target.qualifier().map(q -> resolveQualifier(target.function(), q)).orElse("$LATEST");
        return target.function().version(version).orElseThrow(() -> notFound(target.function().name(), target.qualifier()));
    }

    public synchronized FunctionVersion updateCode(String nameOrArn, String imageUri, boolean publish,
            Optional<String> revisionId) {
        FunctionRecord function = function(nameOrArn);
        checkRevision(function.latest().revisionId(), revisionId);
        checkNotUpdating(function);
        ImageRecord image = resolveImage(imageUri);
        FunctionVersion old = function.latest();
        FunctionVersion updated = new FunctionVersion(old.functionName(), "$LATEST", old.description(), old.role(),
                old.timeout(), old.memorySize(), old.environment(), imageUri, registry.pinnedUri(image),
                image.imageDigest().hex(), old.command(), old.entryPoint(), old.workingDirectory(), old.architectures(),
                UUID.randomUUID().toString(), clock.now(), old.state(), old.stateReason(), old.stateReasonCode(),
                "InProgress", "The function is being updated.", "Updating");
        replaceLatest(function, updated);
        prepareLatest(function.name(), updated.revisionId());
        if (publish) {
            awaitPrepared(function.name());
            return publishVersion(function.name(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        return updated;
    }

    public synchronized FunctionVersion updateConfiguration(String nameOrArn, Configuration change,
            Optional<String> revisionId) {
        FunctionRecord function = function(nameOrArn);
        checkRevision(function.latest().revisionId(), revisionId);
        checkNotUpdating(function);
        FunctionVersion old = function.latest();
        FunctionVersion updated = new FunctionVersion(old.functionName(), "$LATEST",
                change.description().orElse(old.description()), change.role().orElse(old.role()),
                validTimeout(change.timeout().orElse(old.timeout())),
                validMemory(change.memorySize().orElse(old.memorySize())),
                validEnvironment(change.environment().orElse(old.environment())), old.imageUri(),
                old.resolvedImageUri(), old.codeSha256(), change.command().orElse(old.command()),
                change.entryPoint().orElse(old.entryPoint()), change.workingDirectory().orElse(old.workingDirectory()),
                old.architectures(), UUID.randomUUID().toString(), clock.now(), old.state(), old.stateReason(),
                old.stateReasonCode(), "InProgress", "The function is being updated.", "Updating");
        replaceLatest(function, updated);
        prepareLatest(function.name(), updated.revisionId());
        return updated;
    }

    public synchronized FunctionVersion publishVersion(String nameOrArn, Optional<String> codeSha256,
            Optional<String> description, Optional<String> revisionId) {
        FunctionRecord function = function(nameOrArn);
        FunctionVersion latest = function.latest();
        checkRevision(latest.revisionId(), revisionId);
        checkNotUpdating(function);
        if (!"Active".equals(latest.state())) {
            throw conflict("The operation cannot be performed at this time. The function is currently in the following"
                    + " state: " + latest.state());
        }
        if (codeSha256.isPresent() && !codeSha256.get().equals(latest.codeSha256())) {
            throw invalid("CodeSHA256 (" + codeSha256.get() + ") is different from current CodeSHA256 in $LATEST ("
                    + latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        if (!function.versions().isEmpty() && function.versions().getLast().sameAs(latest)) {
            return function.versions().getLast();
        }
        String number = Long.toString(function.lastVersion() + 1);
        FunctionVersion published = latest.publishedAs(number, description.orElse(latest.description()),
                UUID.randomUUID().toString(), clock.now());
        List<FunctionVersion> versions = new ArrayList<>(function.versions());
        versions.add(published);
        save(new FunctionRecord(function.name(), function.arn(), function.createdAt(), latest, versions,
                function.lastVersion() + 1, function.aliases(), function.reservedConcurrency()));
        return published;
    }

    /** DeleteFunction: the whole function, or one published version (not one an alias uses). */
    public synchronized void deleteFunction(String nameOrArn, Optional<String> qualifier) {
        Target target = target(nameOrArn, qualifier);
        FunctionRecord function = target.function();
        if (target.qualifier().isEmpty()) {
            store.remove(function.name());
            functions.remove(function.name());
            policies.dropAll(function.arn());
            runtime.retirePools(key -> key.startsWith(function.name() + "|"));
            return;
        }
        String version = target.qualifier().get();
        if (version.equals("$LATEST") || function.aliases().containsKey(version)) {
            throw invalid("$LATEST version cannot be deleted without deleting the function.".replace("$LATEST",
                    version));
        }
        FunctionVersion existing = function.version(version).orElseThrow(() -> notFound(function.name(), qualifier));
        for (AliasRecord alias : function.aliases().values()) {
            if (alias.functionVersion().equals(version) || alias.weights().containsKey(version)) {
                throw conflict("Unable to delete version because the following aliases reference it: [" + alias.name()
                        + "]");
            }
        }
        List<FunctionVersion> versions = new ArrayList<>(function.versions());
        versions.remove(existing);
        policies.drop(function.arn() + ":" + version);
        save(new FunctionRecord(function.name(), function.arn(), function.createdAt(), function.latest(), versions,
                function.lastVersion(), function.aliases(), function.reservedConcurrency()));
        runtime.retirePools(key -> key.startsWith(function.name() + "|" + version + "|"));
    }

    public synchronized void putReservedConcurrency(String nameOrArn, Optional<Integer> reserved) {
        FunctionRecord function = function(nameOrArn);
        if (reserved.isPresent() && (reserved.get() < 0 || reserved.get() > runtime.settings().concurrencyLimit())) {
            throw invalid("Specified ReservedConcurrentExecutions for function decreases account's"
                    + " UnreservedConcurrentExecution below its minimum value of [0].");
        }
        save(new FunctionRecord(function.name(), function.arn(), function.createdAt(), function.latest(),
                function.versions(), function.lastVersion(), function.aliases(), reserved.orElse(null)));
    }

    // ================================================================ aliases

    public synchronized AliasRecord createAlias(String nameOrArn, String aliasName, String version,
            Optional<String> description, Map<String, Double> weights) {
        FunctionRecord function = function(nameOrArn);
        if (!ALIAS.matcher(aliasName).matches()) {
            throw invalid("1 validation error detected: Value '" + aliasName + "' at 'name' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
        if (function.aliases().containsKey(aliasName)) {
            throw conflict("Alias already exists: " + function.arn() + ":" + aliasName);
        }
        validateRouting(function, version, weights);
        AliasRecord alias = new AliasRecord(aliasName, version, description.orElse(""), weights,
                UUID.randomUUID().toString());
        saveAlias(function, alias);
        return alias;
    }

    public synchronized AliasRecord alias(String nameOrArn, String aliasName) {
        FunctionRecord function = function(nameOrArn);
        return Optional.ofNullable(function.aliases().get(aliasName)).orElseThrow(() -> aliasNotFound(function,
                aliasName));
    }

    public synchronized List<AliasRecord> aliases(String nameOrArn, Optional<String> version) {
        return function(nameOrArn).aliases().values().stream()
                .filter(a -> version.isEmpty() || a.functionVersion().equals(version.get()))
                .sorted(java.util.Comparator.comparing(AliasRecord::name)).toList();
    }

    /**
     * UpdateAlias: moves the alias and/or its routing; {@code weights} empty-but-present clears the
     * routing (as an empty RoutingConfig does).
     */
    public synchronized AliasRecord updateAlias(String nameOrArn, String aliasName, Optional<String> version,
            Optional<String> description, Optional<Map<String, Double>> weights, Optional<String> revisionId) {
        FunctionRecord function = function(nameOrArn);
        AliasRecord existing = alias(nameOrArn, aliasName);
        checkRevision(existing.revisionId(), revisionId);
        String newVersion = version.orElse(existing.functionVersion());
        Map<String, Double> newWeights = weights.orElse(existing.weights());
        validateRouting(function, newVersion, newWeights);
        AliasRecord updated = new AliasRecord(aliasName, newVersion, description.orElse(existing.description()),
                newWeights, UUID.randomUUID().toString());
        saveAlias(function, updated);
        return updated;
    }

    public synchronized void deleteAlias(String nameOrArn, String aliasName) {
        FunctionRecord function = function(nameOrArn);
        Map<String, AliasRecord> aliases = new LinkedHashMap<>(function.aliases());
        aliases.remove(aliasName);
        policies.drop(function.arn() + ":" + aliasName);
        save(new FunctionRecord(function.name(), function.arn(), function.createdAt(), function.latest(),
                function.versions(), function.lastVersion(), aliases, function.reservedConcurrency()));
    }

    private void validateRouting(FunctionRecord function, String version, Map<String, Double> weights) {
        function.version(version).orElseThrow(() -> notFound(function.name(), Optional.of(version)));
        if (weights.size() > 1) {
            throw invalid("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            if (version.equals("$LATEST") || weight.getKey().equals("$LATEST")) {
                throw invalid("$LATEST is not supported for an alias pointing to more than 1 version");
            }
            if (weight.getKey().equals(version)) {
                throw invalid("Invalid function version " + version + ". Function version " + version
                        + " is already included in routing configuration.");
            }
            if (weight.getValue() == null || !(weight.getValue() >= 0.0 && weight.getValue() <= 1.0)) {
                throw invalid("1 validation error detected: Value at 'routingConfig.additionalVersionWeights' failed"
                        + " to satisfy constraint: Map value must satisfy constraint: [Member must have value less"
                        + " than or equal to 1.0, Member must have value greater than or equal to 0.0]");
            }
            function.version(weight.getKey()).orElseThrow(() -> notFound(function.name(),
                    Optional.of(weight.getKey())));
        }
    }

    private void saveAlias(FunctionRecord function, AliasRecord alias) {
        Map<String, AliasRecord> aliases = new LinkedHashMap<>(function.aliases());
        aliases.put(alias.name(), alias);
        save(new FunctionRecord(function.name(), function.arn(), function.createdAt(), function.latest(),
                function.versions(), function.lastVersion(), aliases, function.reservedConcurrency()));
    }

    // ================================================================ resource-based policies

    /**
     * AddPermission: a statement on the function, or on the version or alias a qualifier (or a
     * qualified ARN) names. Stored, not evaluated.
     *
     * @return the statement as JSON
     */
    public synchronized String addPermission(String nameOrArn, Optional<String> qualifier, PolicyStatement statement,
            Optional<String> revisionId) {
        return policies.add(policyArn(nameOrArn, qualifier), statement, revisionId);
    }

    public synchronized void removePermission(String nameOrArn, Optional<String> qualifier, String statementId,
            Optional<String> revisionId) {
        policies.remove(policyArn(nameOrArn, qualifier), statementId, revisionId);
    }

    /** GetPolicy: the policy document and its revision id. */
    public synchronized Map.Entry<String, String> policy(String nameOrArn, Optional<String> qualifier) {
        return policies.document(policyArn(nameOrArn, qualifier));
    }

    private String policyArn(String nameOrArn, Optional<String> qualifier) {
        Target target = target(nameOrArn, qualifier);
        if (target.qualifier().filter("$LATEST"::equals).isPresent()) {
            throw invalid("We currently do not support adding policies for $LATEST.");
        }
        return target.function().arn() + target.qualifier().map(q -> ":" + q).orElse("");
    }

    // ================================================================ waiting for a function

    /**
     * Completes with $LATEST once its image is prepared or has failed (state Active or Failed, last
     * update Successful or Failed): what CloudFormation waits for after creating or updating a function.
     */
    public CompletableFuture<FunctionVersion> latestSettled(String nameOrArn) {
        String name;
        FunctionVersion latest;
        synchronized (this) {
            FunctionRecord function = function(nameOrArn);
            name = function.name();
            latest = function.latest();
        }
        if (!"Pending".equals(latest.state()) && !"InProgress".equals(latest.lastUpdateStatus())) {
            return CompletableFuture.completedFuture(latest);
        }
        return preparation(latest).handle((image, failure) -> {
            // the same step the preparation's own completion runs; whichever comes first settles the state
            finishPreparation(name, latest.revisionId(), failure);
            synchronized (this) {
                FunctionRecord function = functions.get(name);
                return function == null ? latest : function.latest();
            }
        });
    }

    // ================================================================ invocation

    /**
     * Invokes a function synchronously (RequestResponse): {@code qualifier} (or a qualified name) picks a
     * version or an alias, whose routing weights pick the version that runs. Handler errors, timeouts and
     * crashes are results with {@code functionError} {@code Unhandled}, not exceptions.
     *
     * @throws AwsException ResourceNotFoundException, ResourceConflictException (not Active),
     *     RequestTooLargeException, TooManyRequestsException (throttled)
     */
    public InvocationResult invoke(String functionNameOrArn, Optional<String> qualifier, byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new AwsException("RequestTooLargeException", "Request must be smaller than " + MAX_PAYLOAD_BYTES
                    + " bytes for the InvokeFunction operation", 413, Fault.SENDER, Map.of("Type", "User"));
        }
        FunctionRecord function;
        Optional<String> resolvedQualifier;
        String executedVersion;
        boolean viaAlias;
        synchronized (this) {
            Target target = target(functionNameOrArn, qualifier);
            function = target.function();
            resolvedQualifier = target.qualifier();
            viaAlias = resolvedQualifier.map(q -> function.aliases().containsKey(q)).orElse(false);
            executedVersion = resolvedQualifier.map(q -> pickVersion(function, q)).orElse("$LATEST");
        }
        FunctionVersion version = function.version(executedVersion)
                .orElseThrow(() -> notFound(function.name(), resolvedQualifier));
        if (!"Active".equals(version.state())) {
            throw conflict("The operation cannot be performed at this time. The function is currently in the following"
                    + " state: " + version.state());
        }
        FunctionImage image = prepared(version);
        String requestId = UUID.randomUUID().toString();
        String invokedArn = function.arn() + resolvedQualifier.map(q -> ":" + q).orElse("");
        InstanceSpec spec = new InstanceSpec(function.name() + "|" + version.version() + "|" + version.revisionId(),
                function.name(), version.version(), invokedArn, version.memorySize(),
                Duration.ofSeconds(version.timeout()), image,
                version.command().isEmpty() ? image.command() : version.command(),
                Optional.ofNullable(version.workingDirectory()), version.environment(), function.reserved());
        if (spec.command().isEmpty()) {
            throw invalid("The image " + version.resolvedImageUri() + " has no CMD naming a handler, and the function"
                    + " sets no ImageConfig.Command.");
        }
        FunctionRuntime.Result result = runtime.invoke(spec, requestId, payload, invokedArn);
        Optional<String> resource = resolvedQualifier.map(q -> function.name() + ":" + q);
        Optional<String> executed = viaAlias ? Optional.of(executedVersion) : Optional.empty();
        return switch (result) {
            case FunctionRuntime.Result.Throttled throttled -> {
                metrics.ifPresent(m -> m.throttled(function.name(), resource, executed));
                throw new AwsException("TooManyRequestsException", "Rate Exceeded.", 429, Fault.SENDER, Map.of(
                        "Type", "User", "Reason", throttled.reserved()
                                ? "ReservedFunctionConcurrentInvocationLimitExceeded"
                                : "ConcurrentInvocationLimitExceeded"));
            }
            case FunctionRuntime.Result.Completed completed -> {
                boolean failed = !(completed.outcome() instanceof Outcome.Success);
                metrics.ifPresent(m -> m.invoked(function.name(), resource, executed, failed,
                        completed.durationMillis()));
                yield new InvocationResult(200, completed.outcome().payload(),
                        failed ? Optional.of("Unhandled") : Optional.empty(), executedVersion, completed.logTail());
            }
        };
    }

    /**
     * An asynchronous (Event) invocation: checked now (the function must exist), run in the
     * background; its outcome has no caller to report to, so it is only logged and counted.
     */
    public void invokeAsync(String functionNameOrArn, Optional<String> qualifier, byte[] payload) {
        configuration(functionNameOrArn, qualifier);
        preparer.submit(() -> {
            try {
                InvocationResult result = invoke(functionNameOrArn, qualifier, payload);
                result.functionError().ifPresent(error -> LOG.info("Event invocation of {} failed: {}",
                        functionNameOrArn, new String(result.payload(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (AwsException e) {
                LOG.info("Event invocation of {} failed: {}", functionNameOrArn, e.toString());
            }
        });
    }

    /** The version an alias (or a version qualifier) sends this invocation to. */
    private String pickVersion(FunctionRecord function, String qualifier) {
        AliasRecord alias = function.aliases().get(qualifier);
        if (alias == null) {
            return qualifier;
        }
        double draw;
        synchronized (routing) {
            draw = routing.nextDouble();
        }
        double cumulative = 0;
        for (Map.Entry<String, Double> weight : new TreeMap<>(alias.weights()).entrySet()) {
            cumulative += weight.getValue();
            if (draw < cumulative) {
                return weight.getKey();
            }
        }
        return alias.functionVersion();
    }

    // ================================================================ images and state

    private ImageRecord resolveImage(String imageUri) {
        EcrBackend.ImageReference reference = registry.parseImageUri(imageUri).orElseThrow(() -> invalid(
                "Source image " + imageUri + " is not valid. Provide a valid source image."));
        return registry.findImage(reference).orElseThrow(() -> invalid("Source image " + imageUri
                + " does not exist. Provide a valid source image."));
    }

    /** Unpacks $LATEST's image in the background, then marks the function Active / the update Successful. */
    private void prepareLatest(String name, String revisionId) {
        FunctionVersion latest = functions.get(name).latest();
        CompletableFuture<FunctionImage> preparation = preparation(latest);
        preparation.whenComplete((image, failure) -> finishPreparation(name, revisionId, failure));
    }

    private CompletableFuture<FunctionImage> preparation(FunctionVersion version) {
        String platform = version.architectures().contains("arm64") ? "linux/arm64" : "linux/amd64";
        return preparations.computeIfAbsent(pinned(version).toString(), uri -> CompletableFuture.supplyAsync(() -> {
            ImageRecord image = registry.findImage(pinned(version)).orElseThrow(() ->
                    new IllegalStateException("ImageDeleted: the image " + uri + " is no longer in the registry"));
            try {
                return images.prepare(image, platform);
            } catch (ImageCache.ImageException e) {
                throw new IllegalStateException(e.reasonCode() + ": " + e.getMessage(), e);
            }
        }, preparer));
    }

    /**
     * The repository and digest a version runs, from its pinned URI (whose host:port may be an
     * earlier run's: the image is found by repository and digest alone).
     */
    static EcrBackend.ImageReference pinned(FunctionVersion version) {
        String path = version.resolvedImageUri().substring(version.resolvedImageUri().indexOf('/') + 1);
        int at = path.indexOf('@');
        return new EcrBackend.ImageReference(path.substring(0, at), path.substring(at + 1));
    }

    /** The pinned image URI as clients of this run reach it. */
    public String resolvedImageUri(FunctionVersion version) {
        EcrBackend.ImageReference image = pinned(version);
        return registry.repositoryUri(image.repository()) + "@" + image.reference();
    }

    private synchronized void finishPreparation(String name, String revisionId, Throwable failure) {
        FunctionRecord function = functions.get(name);
        if (function == null || !function.latest().revisionId().equals(revisionId)) {
            return;
        }
        FunctionVersion latest = function.latest();
        FunctionVersion done;
        if (failure == null) {
            done = ("Pending".equals(latest.state()) ? latest.withState("Active", null, null) : latest)
                    .withUpdateStatus("Successful", null, null);
        } else {
            String message = rootMessage(failure);
            preparations.remove(pinned(latest).toString());
            LOG.warn("The image of function {} cannot run: {}", name, message);
            String code = message.contains(":") ? message.substring(0, message.indexOf(':')) : "InvalidImage";
            done = "Pending".equals(latest.state()) ? latest.withState("Failed", message, code)
                    : latest.withUpdateStatus("Failed", message, code);
        }
        replaceLatest(function, done);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** Waits (bounded) until $LATEST's preparation has ended, for Publish on create or update. */
    private void awaitPrepared(String name) {
        FunctionVersion latest = functions.get(name).latest();
        try {
            preparation(latest).get(PREPARE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            finishPreparation(name, latest.revisionId(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            finishPreparation(name, latest.revisionId(), e.getCause());
        } catch (TimeoutException e) {
            // still Pending: publishing refuses it
        }
    }

    private FunctionImage prepared(FunctionVersion version) {
        try {
            return preparation(version).get(PREPARE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AwsException.internal("Interrupted while preparing the function's image");
        } catch (ExecutionException e) {
            preparations.remove(pinned(version).toString());
            throw new AwsException("InvalidRequestContentException", "The function's image cannot run: "
                    + rootMessage(e), 400);
        } catch (TimeoutException e) {
            throw new AwsException("ServiceException", "The function's image is still being prepared.", 500);
        }
    }

    private void replaceLatest(FunctionRecord function, FunctionVersion latest) {
        String previousRevision = function.latest().revisionId();
        save(new FunctionRecord(function.name(), function.arn(), function.createdAt(), latest, function.versions(),
                function.lastVersion(), function.aliases(), function.reservedConcurrency()));
        if (!previousRevision.equals(latest.revisionId())) {
            runtime.retirePools(key -> key.equals(function.name() + "|$LATEST|" + previousRevision));
        }
    }

    private void save(FunctionRecord function) {
        store.put(function.name(), function);
        functions.put(function.name(), function);
    }

    // ================================================================ names and errors

    Target target(String nameOrArn, Optional<String> qualifier) {
        Matcher m = ARN.matcher(nameOrArn);
        if (!m.matches()) {
            throw invalid("1 validation error detected: Value '" + nameOrArn + "' at 'functionName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: " + ARN.pattern());
        }
        String name = m.group(3);
        Optional<String> fromName = Optional.ofNullable(m.group(4));
        if (fromName.isPresent() && qualifier.isPresent() && !fromName.get().equals(qualifier.get())) {
            throw invalid("The derived qualifier from the function name does not match the specified qualifier.");
        }
        Optional<String> effective = qualifier.or(() -> fromName);
        FunctionRecord function = functions.get(name);
        if (function == null) {
            throw notFound(name, Optional.empty());
        }
        if (effective.isPresent()) {
            String q = effective.get();
            if (!q.equals("$LATEST") && function.version(q).isEmpty() && !function.aliases().containsKey(q)) {
                throw q.matches("\\d+") ? notFound(name, effective) : aliasNotFound(function, q);
            }
        }
        return new Target(function, effective);
    }

    private String resolveQualifier(FunctionRecord function, String qualifier) {
        AliasRecord alias = function.aliases().get(qualifier);
        return alias == null ? qualifier : alias.functionVersion();
    }

    private AwsException notFound(String name, Optional<String> qualifier) {
        return new AwsException("ResourceNotFoundException", "Function not found: " + functionArn(name)
                + qualifier.map(q -> ":" + q).orElse(""), 404, Fault.SENDER, Map.of("Type", "User"));
    }

    private AwsException aliasNotFound(FunctionRecord function, String alias) {
        return new AwsException("ResourceNotFoundException", "Cannot find alias arn: " + function.arn() + ":" + alias,
                404, Fault.SENDER, Map.of("Type", "User"));
    }

    static AwsException invalid(String message) {
        return new AwsException("InvalidParameterValueException", message, 400, Fault.SENDER, Map.of("Type", "User"));
    }

    private static AwsException conflict(String message) {
        return new AwsException("ResourceConflictException", message, 409, Fault.SENDER, Map.of("Type", "User"));
    }

    private void checkRevision(String current, Optional<String> expected) {
        if (expected.isPresent() && !expected.get().equals(current)) {
            throw new AwsException("PreconditionFailedException", "The Revision Id provided does not match the latest"
                    + " Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id", 412,
                    Fault.SENDER, Map.of("Type", "User"));
        }
    }

    private void checkNotUpdating(FunctionRecord function) {
        if ("InProgress".equals(function.latest().lastUpdateStatus()) || "Pending".equals(function.latest().state())) {
            throw conflict("The operation cannot be performed at this time. An update is in progress for resource: "
                    + function.arn());
        }
    }

    private static int validTimeout(int seconds) {
        if (seconds < 1 || seconds > 900) {
            throw invalid("1 validation error detected: Value '" + seconds + "' at 'timeout' failed to satisfy"
                    + " constraint: Member must have value less than or equal to 900");
        }
        return seconds;
    }

    private static int validMemory(int megabytes) {
        if (megabytes < 128 || megabytes > 10240) {
            throw invalid("1 validation error detected: Value '" + megabytes + "' at 'memorySize' failed to satisfy"
                    + " constraint: Member must have value " + (megabytes < 128 ? "greater than or equal to 128"
                            : "less than or equal to 10240"));
        }
        return megabytes;
    }

    private static final List<String> RESERVED = List.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private static Map<String, String> validEnvironment(Map<String, String> variables) {
        List<String> reserved = variables.keySet().stream().filter(RESERVED::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw invalid("Lambda was unable to configure your environment variables because the environment variables"
                    + " you have provided contains reserved keys that are currently not supported for modification."
                    + " Reserved keys used in this request: " + String.join(", ", reserved));
        }
        return variables;
    }

    /** The live function processes. */
    public List<ProcessHandle> processes() {
        return runtime.processes();
    }

    @Override
    public void close() {
        preparer.shutdownNow();
        runtime.close();
        onClose.run();
    }
}
