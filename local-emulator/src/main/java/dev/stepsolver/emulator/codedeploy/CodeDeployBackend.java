package dev.stepsolver.emulator.codedeploy;

import dev.stepsolver.emulator.cloudwatch.AlarmStateChange;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.state.BlobStore;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CodeDeploy for the Lambda compute platform: applications, deployment groups, deployment
 * configurations (the predefined {@code CodeDeployDefault.Lambda*} ones and custom ones) and
 * deployments, which {@link DeploymentEngine} runs on the emulator clock by moving an alias's routing
 * weights through the Lambda backend. Everything is written through the state store; a deployment
 * that was running when the emulator stopped ends Failed (and rolled back when its group says so).
 *
 * <p>For CloudFormation: {@link #createApplication}, {@link #createDeploymentGroup},
 * {@link #updateDeploymentGroup}, {@link #createDeploymentConfig} and their deletes. For CodePipeline:
 * {@link #createDeployment(DeploymentRequest)}, {@link #deployment(String)},
 * {@link #completion(String)}, {@link #addListener(DeploymentListener)} ({@link Deployment#traffic()}
 * gives the weights as they move) and {@link AppSpecs#findInZip(byte[])}.
 */
public final class CodeDeployBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CodeDeployBackend.class);
    static final Pattern NAME = Pattern.compile("[\\w+=,.@\\-]{1,100}");
    static final Pattern DEPLOYMENT_ID = Pattern.compile("d-[A-Z0-9]{9}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/.+");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int MAX_ALARMS = 10;
    private static final int MAX_REVISION_BYTES = 50 * 1024 * 1024;

    /** Removes a listener again. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final EmulatorClock clock;
    private final String region;
    private final String accountId;
    private final Optional<S3Backend> s3;
    private final PersistentCollection<Application> applicationStore;
    private final PersistentCollection<DeploymentGroup> groupStore;
    private final PersistentCollection<DeploymentConfig> configStore;
    private final PersistentCollection<Deployment> deploymentStore;
    private final Map<String, Application> applications = new TreeMap<>();
    /** By application name, then group name. */
    private final Map<String, Map<String, DeploymentGroup>> groups = new TreeMap<>();
    private final Map<String, DeploymentConfig> configs = new TreeMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Deployment>> completions = new ConcurrentHashMap<>();
    private final List<DeploymentListener> listeners = new CopyOnWriteArrayList<>();
    /** One thread, so listeners hear each deployment's changes in order and never run under the lock. */
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "codedeploy-events");
        thread.setDaemon(true);
        return thread;
    });
    private final DeploymentEngine engine;
    private volatile boolean closed;

    public CodeDeployBackend(EmulatorClock clock, StateStore state, String region, String accountId,
            LambdaBackend lambda, Optional<CloudWatchBackend> cloudWatch, Optional<S3Backend> s3) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.s3 = s3;
        this.applicationStore = state.collection("codedeploy.applications", Application.class);
        this.groupStore = state.collection("codedeploy.deployment-groups", DeploymentGroup.class);
        this.configStore = state.collection("codedeploy.deployment-configs", DeploymentConfig.class);
        this.deploymentStore = state.collection("codedeploy.deployments", Deployment.class);
        DeploymentConfig.builtIns().forEach(config -> configs.put(config.name(), config));
        applications.putAll(applicationStore.loadAll());
        for (DeploymentGroup group : groupStore.loadAll().values()) {
            groups.computeIfAbsent(group.applicationName(), app -> new TreeMap<>()).put(group.name(), group);
        }
        configs.putAll(configStore.loadAll());
        List<Deployment> loaded = new ArrayList<>(deploymentStore.loadAll().values());
        loaded.sort(Comparator.comparing(Deployment::createTime));
        loaded.forEach(d -> deployments.put(d.id(), d));
        this.engine = new DeploymentEngine(this, clock, lambda, cloudWatch);
        synchronized (this) {
            for (Deployment deployment : loaded) {
                if (!deployment.isComplete()) {
                    LOG.info("Deployment {} was in progress when the emulator stopped; it fails", deployment.id());
                    engine.interrupted(deployment, "The deployment was in progress when the emulator stopped, and a"
                            + " deployment cannot resume after a restart.");
                }
            }
        }
        cloudWatch.ifPresent(cw -> cw.addAlarmListener(this::alarmChanged));
    }

    private void alarmChanged(AlarmStateChange change) {
        if (!closed && "ALARM".equals(change.newState())) {
            synchronized (this) {
                engine.alarmWentOff(change.alarmName());
            }
        }
    }

    // =================================================================== applications

    /**
     * Creates an application.
     *
     * @throws AwsException InvalidApplicationNameException, ApplicationAlreadyExistsException
     */
    public synchronized Application createApplication(String name, ComputePlatform platform) {
        checkName(name, "InvalidApplicationNameException", "The application name was specified in an invalid"
                + " format.");
        if (applications.containsKey(name)) {
            throw badRequest("ApplicationAlreadyExistsException", "An application with the specified name with the"
                    + " user or AWS account already exists: " + name);
        }
        Application application = new Application(name, UUID.randomUUID().toString(), platform, clock.now());
        applicationStore.put(name, application);
        applications.put(name, application);
        return application;
    }

    public synchronized Optional<Application> application(String name) {
        return Optional.ofNullable(applications.get(name));
    }

    public synchronized List<Application> applications() {
        return List.copyOf(applications.values());
    }

    /** Deletes an application and its deployment groups (their deployments stay); a missing one is no error. */
    public synchronized void deleteApplication(String name) {
        if (applications.remove(name) != null) {
            applicationStore.remove(name);
            Map<String, DeploymentGroup> removed = groups.remove(name);
            if (removed != null) {
                removed.values().forEach(group -> groupStore.remove(groupKey(group.applicationName(), group.name())));
            }
        }
    }

    Application requireApplication(String name) {
        if (name == null || name.isEmpty()) {
            throw badRequest("ApplicationNameRequiredException", "The minimum number of required application names"
                    + " was not specified.");
        }
        Application application = applications.get(name);
        if (application == null) {
            throw badRequest("ApplicationDoesNotExistException", "No application found for name: " + name);
        }
        return application;
    }

    public String applicationArn(String name) {
        return "arn:aws:codedeploy:" + region + ":" + accountId + ":application:" + name;
    }

    // =================================================================== deployment groups

    /**
     * Creates a deployment group, applying AWS's defaults (the platform's default configuration, the
     * Lambda deployment style).
     *
     * @throws AwsException ApplicationDoesNotExistException, DeploymentGroupAlreadyExistsException,
     *     DeploymentConfigDoesNotExistException, InvalidRoleException, InvalidAlarmConfigException,
     *     InvalidAutoRollbackConfigException...
     */
    public synchronized DeploymentGroup createDeploymentGroup(DeploymentGroupSpec spec) {
        Application application = requireApplication(spec.applicationName());
        checkGroupName(spec.name());
        if (groupsOf(application.name()).containsKey(spec.name())) {
            throw badRequest("DeploymentGroupAlreadyExistsException", "A deployment group with the specified name"
                    + " with the user or AWS account already exists: " + spec.name());
        }
        DeploymentGroup group = checked(new DeploymentGroup(application.name(), spec.name(),
                UUID.randomUUID().toString(), spec.deploymentConfigName().orElse(defaultConfigFor(application)),
                spec.serviceRoleArn(), spec.alarmConfiguration(), spec.autoRollback(), "", "",
                application.computePlatform()), application);
        storeGroup(group);
        return group;
    }

    private static String defaultConfigFor(Application application) {
        return defaultConfigName(application.computePlatform());
    }

    /** The configuration a group of the platform gets when it names none. */
    public static String defaultConfigName(ComputePlatform platform) {
        return switch (platform) {
            case LAMBDA -> DeploymentConfig.PREFIX + "LambdaAllAtOnce";
            case ECS -> DeploymentConfig.PREFIX + "ECSAllAtOnce";
            case SERVER -> DeploymentConfig.PREFIX + "OneAtATime";
        };
    }

    /** Checks a group as CreateDeploymentGroup and UpdateDeploymentGroup do, and gives it its style. */
    private DeploymentGroup checked(DeploymentGroup group, Application application) {
        if (group.serviceRoleArn() == null || group.serviceRoleArn().isEmpty()) {
            throw badRequest("RoleRequiredException", "The role ID was not specified.");
        }
        if (!ROLE_ARN.matcher(group.serviceRoleArn()).matches()) {
            throw badRequest("InvalidRoleException", "The service role ARN was specified in an invalid format. Or, if"
                    + " an Auto Scaling group was specified, the specified service role does not grant the"
                    + " appropriate permissions to Amazon EC2 Auto Scaling.");
        }
        DeploymentConfig config = requireConfig(group.deploymentConfigName());
        if (config.computePlatform() != application.computePlatform()) {
            throw badRequest("InvalidDeploymentConfigNameException", "The deployment configuration "
                    + config.name() + " is for the " + config.computePlatform().awsName() + " compute platform, but"
                    + " application " + application.name() + " uses " + application.computePlatform().awsName()
                    + ".");
        }
        AlarmConfiguration alarms = group.alarmConfiguration();
        if (alarms.alarms().size() > MAX_ALARMS) {
            throw badRequest("AlarmsLimitExceededException", "The maximum number of alarms for a deployment group ("
                    + MAX_ALARMS + ") was exceeded.");
        }
        if (alarms.enabled() && alarms.alarms().isEmpty()
                || alarms.alarms().stream().anyMatch(a -> a == null || a.isBlank())
                || alarms.alarms().stream().distinct().count() != alarms.alarms().size()) {
            throw badRequest("InvalidAlarmConfigException", "The format of the alarm configuration is invalid."
                    + " Possible causes include: The alarm list is null. The alarm object is null. The alarm name is"
                    + " empty or null or exceeds the limit of 255 characters. Two alarms with the same name have"
                    + " been specified. The alarm configuration is enabled, but the alarm list is empty.");
        }
        if (group.autoRollback().enabled() && group.autoRollback().events().isEmpty()) {
            throw badRequest("InvalidAutoRollbackConfigException", "The automatic rollback configuration was"
                    + " specified in an invalid format. For example, automatic rollback is enabled, but an invalid"
                    + " triggering event type or no event types were listed.");
        }
        boolean lambda = application.computePlatform() == ComputePlatform.LAMBDA;
        return new DeploymentGroup(group.applicationName(), group.name(), group.id(), group.deploymentConfigName(),
                group.serviceRoleArn(), alarms, group.autoRollback(), lambda ? "BLUE_GREEN" : "IN_PLACE",
                lambda ? "WITH_TRAFFIC_CONTROL" : "WITHOUT_TRAFFIC_CONTROL", application.computePlatform());
    }

    private static void checkGroupName(String name) {
        if (name == null || name.isEmpty()) {
            throw badRequest("DeploymentGroupNameRequiredException", "The deployment group name was not specified.");
        }
        checkName(name, "InvalidDeploymentGroupNameException", "The deployment group name was specified in an"
                + " invalid format.");
    }

    public synchronized Optional<DeploymentGroup> deploymentGroup(String applicationName, String name) {
        return Optional.ofNullable(groupsOf(applicationName).get(name));
    }

    /**
     * An application's deployment groups, by name.
     *
     * @throws AwsException ApplicationDoesNotExistException
     */
    public synchronized List<DeploymentGroup> deploymentGroups(String applicationName) {
        requireApplication(applicationName);
        return List.copyOf(groupsOf(applicationName).values());
    }

    /**
     * Changes a deployment group (a rename keeps its id); deployments already running keep the
     * configuration they started with.
     */
    public synchronized DeploymentGroup updateDeploymentGroup(String applicationName, String currentName,
            DeploymentGroupUpdate update) {
        Application application = requireApplication(applicationName);
        DeploymentGroup current = requireGroup(applicationName, currentName);
        String name = update.newName().orElse(current.name());
        if (!name.equals(current.name())) {
            checkGroupName(name);
            if (groupsOf(applicationName).containsKey(name)) {
                throw badRequest("DeploymentGroupAlreadyExistsException", "A deployment group with the specified name"
                        + " with the user or AWS account already exists: " + name);
            }
        }
        DeploymentGroup changed = checked(new DeploymentGroup(applicationName, name, current.id(),
                update.deploymentConfigName().orElse(current.deploymentConfigName()),
                update.serviceRoleArn().orElse(current.serviceRoleArn()),
                update.alarmConfiguration().orElse(current.alarmConfiguration()),
                update.autoRollback().orElse(current.autoRollback()), current.deploymentType(),
                current.deploymentOption(), current.computePlatform()), application);
        if (!name.equals(current.name())) {
            groupsOf(applicationName).remove(current.name());
            groupStore.remove(groupKey(applicationName, current.name()));
        }
        storeGroup(changed);
        return changed;
    }

    /** Deletes a deployment group; a missing one is no error. */
    public synchronized void deleteDeploymentGroup(String applicationName, String name) {
        requireApplication(applicationName);
        if (groupsOf(applicationName).remove(name) != null) {
            groupStore.remove(groupKey(applicationName, name));
        }
    }

    DeploymentGroup requireGroup(String applicationName, String name) {
        checkGroupName(name);
        DeploymentGroup group = groupsOf(applicationName).get(name);
        if (group == null) {
            throw badRequest("DeploymentGroupDoesNotExistException", "No Deployment Group found for name: " + name);
        }
        return group;
    }

    private Map<String, DeploymentGroup> groupsOf(String applicationName) {
        return groups.computeIfAbsent(applicationName, app -> new TreeMap<>());
    }

    private void storeGroup(DeploymentGroup group) {
        groupStore.put(groupKey(group.applicationName(), group.name()), group);
        groupsOf(group.applicationName()).put(group.name(), group);
    }

    private static String groupKey(String applicationName, String name) {
        return applicationName + "\n" + name;
    }

    // =================================================================== deployment configurations

    /**
     * Creates a deployment configuration for the Lambda compute platform.
     *
     * @throws AwsException DeploymentConfigAlreadyExistsException, InvalidTrafficRoutingConfigurationException,
     *     InvalidComputePlatformException
     */
    public synchronized DeploymentConfig createDeploymentConfig(String name, ComputePlatform platform,
            TrafficRouting routing) {
        if (name == null || name.isEmpty()) {
            throw badRequest("DeploymentConfigNameRequiredException", "The deployment configuration name was not"
                    + " specified.");
        }
        checkName(name, "InvalidDeploymentConfigNameException", "The deployment configuration name was specified"
                + " in an invalid format.");
        if (configs.containsKey(name)) {
            throw badRequest("DeploymentConfigAlreadyExistsException", "A deployment configuration with the"
                    + " specified name with the user or AWS account already exists: " + name);
        }
        if (platform != ComputePlatform.LAMBDA) {
            throw badRequest("InvalidComputePlatformException", "This emulator's CodeDeploy runs deployments on the"
                    + " Lambda compute platform only, not " + platform.awsName() + ".");
        }
        checkRouting(routing);
        DeploymentConfig config = new DeploymentConfig(name, UUID.randomUUID().toString(), platform, routing,
                clock.now(), false);
        configStore.put(name, config);
        configs.put(name, config);
        return config;
    }

    private static void checkRouting(TrafficRouting routing) {
        boolean valid = switch (routing.type()) {
            case ALL_AT_ONCE -> true;
            case TIME_BASED_CANARY, TIME_BASED_LINEAR -> routing.percentage() >= 1 && routing.percentage() <= 99
                    && routing.intervalMinutes() >= 1 && routing.intervalMinutes() <= 2880;
        };
        if (!valid) {
            throw badRequest("InvalidTrafficRoutingConfigurationException", "The configuration that specifies how"
                    + " traffic is routed during a deployment is invalid.");
        }
    }

    public synchronized Optional<DeploymentConfig> deploymentConfig(String name) {
        return Optional.ofNullable(configs.get(name));
    }

    /** Every configuration, predefined ones included, by name. */
    public synchronized List<DeploymentConfig> deploymentConfigs() {
        return List.copyOf(configs.values());
    }

    /**
     * Deletes a custom configuration; a missing one is no error.
     *
     * @throws AwsException InvalidOperationException for a predefined one, DeploymentConfigInUseException
     */
    public synchronized void deleteDeploymentConfig(String name) {
        DeploymentConfig config = configs.get(name);
        if (config == null) {
            return;
        }
        if (config.predefined()) {
            throw badRequest("InvalidOperationException", "The default deployment configuration " + name
                    + " cannot be deleted.");
        }
        boolean inUse = groups.values().stream().flatMap(m -> m.values().stream())
                .anyMatch(g -> g.deploymentConfigName().equals(name))
                || deployments.values().stream().anyMatch(d -> !d.isComplete() && d.deploymentConfigName().equals(name));
        if (inUse) {
            throw badRequest("DeploymentConfigInUseException", "The deployment configuration is still in use.");
        }
        configs.remove(name);
        configStore.remove(name);
    }

    DeploymentConfig requireConfig(String name) {
        DeploymentConfig config = configs.get(name);
        if (config == null) {
            throw badRequest("DeploymentConfigDoesNotExistException", "No deployment configuration found for name: "
                    + name);
        }
        return config;
    }

    // =================================================================== deployments

    /**
     * Creates a deployment; it starts at once on the emulator clock. The AppSpec is read when it
     * starts, so a revision without one makes a deployment that fails (INVALID_REVISION).
     *
     * @throws AwsException ApplicationDoesNotExistException, DeploymentGroupDoesNotExistException,
     *     DeploymentConfigDoesNotExistException, InvalidRevisionException, DeploymentLimitExceededException
     */
    public Deployment createDeployment(DeploymentRequest request) {
        Deployment created;
        synchronized (this) {
            if (closed) {
                throw AwsException.internal("The emulator is shutting down");
            }
            Application application = requireApplication(request.applicationName());
            DeploymentGroup group = requireGroup(application.name(), request.deploymentGroupName());
            if (application.computePlatform() != ComputePlatform.LAMBDA) {
                throw badRequest("InvalidComputePlatformException", "This emulator's CodeDeploy runs deployments on"
                        + " the Lambda compute platform only; application " + application.name() + " uses "
                        + application.computePlatform().awsName() + ".");
            }
            DeploymentConfig config = requireConfig(request.deploymentConfigName()
                    .orElse(group.deploymentConfigName()));
            if (config.computePlatform() != ComputePlatform.LAMBDA) {
                throw badRequest("InvalidDeploymentConfigNameException", "The deployment configuration "
                        + config.name() + " is not for the Lambda compute platform.");
            }
            checkRevision(request.revision());
            request.autoRollback().filter(r -> r.enabled() && r.events().isEmpty()).ifPresent(r -> {
                throw badRequest("InvalidAutoRollbackConfigException", "The automatic rollback configuration was"
                        + " specified in an invalid format. For example, automatic rollback is enabled, but an"
                        + " invalid triggering event type or no event types were listed.");
            });
            for (Deployment other : deployments.values()) {
                if (!other.isComplete() && other.applicationName().equals(application.name())
                        && other.deploymentGroupName().equals(group.name())) {
                    throw badRequest("DeploymentLimitExceededException", "The Deployment Group '" + group.name()
                            + "' already has an active Deployment '" + other.id() + "'");
                }
            }
            List<LifecycleEvent> events = LifecycleEvent.ORDER.stream().map(LifecycleEvent::pending).toList();
            created = new Deployment(newDeploymentId(), application.name(), group.name(), config.name(),
                    DeploymentStatus.CREATED, "user", request.description().orElse(null), request.revision(), null,
                    clock.now(), null, null, events, null, null, request.autoRollback().orElse(group.autoRollback()),
                    group.alarmConfiguration(), config.routing(), 0.0);
            completions.put(created.id(), new CompletableFuture<>());
            save(created);
            engine.track(created);
        }
        engine.start(created.id());
        return created;
    }

    private static void checkRevision(Revision revision) {
        switch (revision.type()) {
            case APP_SPEC_CONTENT -> {
                if (revision.content() == null) {
                    throw badRequest("InvalidRevisionException", "The revision was specified in an invalid format:"
                            + " appSpecContent.content is required.");
                }
                if (revision.sha256() != null && !revision.sha256().equalsIgnoreCase(Revision.sha256Of(
                        revision.content()))) {
                    throw badRequest("InvalidRevisionException", "The revision was specified in an invalid format:"
                            + " the sha256 of appSpecContent does not match its content.");
                }
            }
            case S3 -> {
                if (revision.bucket() == null || revision.key() == null) {
                    throw badRequest("InvalidRevisionException", "The revision was specified in an invalid format:"
                            + " s3Location needs a bucket and a key.");
                }
                if (revision.bundleType() != null
                        && !List.of("zip", "YAML", "JSON").contains(revision.bundleType())) {
                    throw badRequest("InvalidRevisionException", "The revision was specified in an invalid format:"
                            + " a Lambda revision's bundleType is zip, YAML or JSON, not " + revision.bundleType()
                            + ".");
                }
            }
        }
    }

    /** The AppSpec text of a revision. */
    String readRevision(Revision revision) throws InvalidAppSpecException {
        if (revision.type() == Revision.Type.APP_SPEC_CONTENT) {
            return revision.content();
        }
        if (s3.isEmpty()) {
            throw new InvalidAppSpecException("REVISION_MISSING", "The revision in s3://" + revision.bucket() + "/"
                    + revision.key() + " cannot be read: S3 is not installed in this emulator.");
        }
        byte[] bytes;
        try {
            bytes = readObject(s3.get().getObject(revision.bucket(), revision.key()).body());
        } catch (AwsException e) {
            throw new InvalidAppSpecException("REVISION_MISSING", "The revision s3://" + revision.bucket() + "/"
                    + revision.key() + " cannot be found: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidAppSpecException("REVISION_MISSING", "The revision s3://" + revision.bucket() + "/"
                    + revision.key() + " cannot be read: " + e.getMessage());
        }
        boolean zip = revision.bundleType() == null ? bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K'
                : "zip".equals(revision.bundleType());
        if (zip) {
            return AppSpecs.findInZip(bytes).orElseThrow(() -> new InvalidAppSpecException("INVALID_REVISION",
                    AppSpecs.MISSING));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readObject(BlobStore.Blob body) throws IOException {
        if (body.length() > MAX_REVISION_BYTES) {
            throw new IOException("the revision is larger than " + MAX_REVISION_BYTES + " bytes");
        }
        return switch (body) {
            case BlobStore.Blob.InMemory memory -> memory.bytes();
            case BlobStore.Blob.OnDisk disk -> {
                try (InputStream in = Files.newInputStream(disk.file())) {
                    yield in.readNBytes(MAX_REVISION_BYTES);
                }
            }
        };
    }

    private String newDeploymentId() {
        while (true) {
            StringBuilder id = new StringBuilder("d-");
            for (int i = 0; i < 9; i++) {
                id.append(ID_CHARS.charAt(ThreadLocalRandom.current().nextInt(ID_CHARS.length())));
            }
            if (!deployments.containsKey(id.toString())) {
                return id.toString();
            }
        }
    }

    /** A deployment by id. */
    public synchronized Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(deployments.get(id));
    }

    /**
     * The deployments of a group, or of every group when both names are empty; newest first.
     *
     * @throws AwsException ApplicationDoesNotExistException, DeploymentGroupDoesNotExistException
     */
    public synchronized List<Deployment> deployments(Optional<String> applicationName,
            Optional<String> deploymentGroupName) {
        if (applicationName.isPresent() && deploymentGroupName.isEmpty()) {
            throw badRequest("DeploymentGroupNameRequiredException", "The deployment group name was not specified.");
        }
        if (applicationName.isEmpty() && deploymentGroupName.isPresent()) {
            throw badRequest("ApplicationNameRequiredException", "The minimum number of required application names"
                    + " was not specified.");
        }
        applicationName.ifPresent(app -> requireGroup(requireApplication(app).name(), deploymentGroupName.get()));
        List<Deployment> all = new ArrayList<>(deployments.values());
        java.util.Collections.reverse(all);
        return all.stream().filter(d -> applicationName.isEmpty() || d.applicationName().equals(applicationName.get())
                && d.deploymentGroupName().equals(deploymentGroupName.get())).toList();
    }

    /** The last deployment of a group to start, and the last to succeed (GetDeploymentGroup shows both). */
    synchronized Optional<Deployment> lastDeployment(String applicationName, String groupName, boolean succeeded) {
        return deployments(Optional.of(applicationName), Optional.of(groupName)).stream()
                .filter(d -> !succeeded || d.status() == DeploymentStatus.SUCCEEDED).findFirst();
    }

    Deployment requireDeployment(String id) {
        if (id == null || id.isEmpty()) {
            throw badRequest("DeploymentIdRequiredException", "At least one deployment ID must be specified.");
        }
        if (!DEPLOYMENT_ID.matcher(id).matches()) {
            throw badRequest("InvalidDeploymentIdException", "At least one of the deployment IDs was specified in an"
                    + " invalid format: " + id);
        }
        Deployment deployment = deployments.get(id);
        if (deployment == null) {
            throw badRequest("DeploymentDoesNotExistException", "The deployment " + id + " does not exist with the"
                    + " user or AWS account.");
        }
        return deployment;
    }

    /**
     * Completes with the deployment's final record (for a deployment that was rolled back, the record
     * carries the rollback deployment's id, and the alias is back when it completes).
     *
     * @throws AwsException DeploymentDoesNotExistException
     */
    public synchronized CompletableFuture<Deployment> completion(String id) {
        Deployment deployment = requireDeployment(id);
        CompletableFuture<Deployment> future = completions.get(id);
        if (deployment.isComplete() || future == null) {
            return CompletableFuture.completedFuture(deployment);
        }
        return future.copy();
    }

    /**
     * StopDeployment: the deployment ends Stopped at once; the alias returns wholly to the original
     * version when {@code autoRollback} says so, or, when it is empty, when the deployment's
     * configuration rolls back on DEPLOYMENT_STOP_ON_REQUEST.
     *
     * @return the stopped deployment
     * @throws AwsException DeploymentDoesNotExistException, DeploymentAlreadyCompletedException
     */
    public synchronized Deployment stopDeployment(String id, Optional<Boolean> autoRollback) {
        Deployment deployment = requireDeployment(id);
        if (deployment.isComplete()) {
            throw badRequest("DeploymentAlreadyCompletedException", "The deployment " + id + " is already"
                    + " complete.");
        }
        engine.stopRequested(id, autoRollback);
        return deployments.get(id);
    }

    /**
     * PutLifecycleEventHookExecutionStatus: a hook function's verdict.
     *
     * @return the execution id
     * @throws AwsException InvalidLifecycleEventHookExecutionStatusException,
     *     InvalidLifecycleEventHookExecutionIdException, LifecycleEventAlreadyCompletedException,
     *     DeploymentDoesNotExistException
     */
    public synchronized String putLifecycleEventHookExecutionStatus(String deploymentId, String executionId,
            String status) {
        if (!"Succeeded".equals(status) && !"Failed".equals(status)) {
            throw badRequest("InvalidLifecycleEventHookExecutionStatusException", "The result of a Lambda validation"
                    + " function that verifies a lifecycle event is invalid. It should return Succeeded or Failed.");
        }
        requireDeployment(deploymentId);
        engine.hookReported(deploymentId, executionId, "Succeeded".equals(status));
        return executionId;
    }

    /** Follows every deployment from now on; close the registration to stop. */
    public Registration addListener(DeploymentListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Records a deployment's new state and tells the listeners (on the notification thread). */
    void save(Deployment deployment) {
        deployments.put(deployment.id(), deployment);
        deploymentStore.put(deployment.id(), deployment);
        if (notifier.isShutdown()) {
            return;
        }
        notifier.execute(() -> {
            for (DeploymentListener listener : listeners) {
                try {
                    listener.changed(deployment);
                } catch (RuntimeException e) {
                    LOG.warn("A deployment listener failed", e);
                }
            }
            if (deployment.isComplete()) {
                CompletableFuture<Deployment> future = completions.remove(deployment.id());
                if (future != null) {
                    future.complete(deployment);
                }
            }
        });
    }

    /** The group a deployment belongs to, if it still exists. */
    Optional<DeploymentGroup> groupOf(Deployment deployment) {
        return Optional.ofNullable(groupsOf(deployment.applicationName()).get(deployment.deploymentGroupName()));
    }

    String newRollbackId() {
        return newDeploymentId();
    }

    String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    // =================================================================== shutdown

    /**
     * Ends the deployments in flight (Failed, rolled back where their configuration says so), so a
     * restart finds none in progress, and stops the notification thread.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (Deployment deployment : List.copyOf(deployments.values())) {
                if (!deployment.isComplete()) {
                    engine.interrupted(deployment, "The deployment was in progress when the emulator stopped.");
                }
            }
        }
        engine.close();
        notifier.shutdown();
        try {
            if (!notifier.awaitTermination(10, TimeUnit.SECONDS)) {
                notifier.shutdownNow();
            }
        } catch (InterruptedException e) {
            notifier.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // =================================================================== errors

    private static void checkName(String name, String code, String message) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw badRequest(code, message);
        }
    }

    static AwsException badRequest(String code, String message) {
        return AwsException.badRequest(code, message);
    }
}
