package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.ModelJson;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.ssm.SsmBackend;
import dev.stepsolver.emulator.state.BlobStore;
import dev.stepsolver.emulator.state.PersistentCollection;
import dev.stepsolver.emulator.state.StateCorruptedException;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.codebuild.model.ArtifactNamespace;
import software.amazon.awssdk.services.codebuild.model.ArtifactPackaging;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.ProjectArtifacts;
import software.amazon.awssdk.services.codebuild.model.ProjectSource;

/**
 * CodeBuild: projects (kept as the SDK's own model), builds run by {@link BuildRunner} on a bounded
 * pool (more wait as QUEUED), report groups and reports. Everything is written through the state
 * store; a build that was running when the emulator stopped is marked FAILED when it starts again.
 *
 * <p>The in-process API for CodePipeline: {@link #startBuild(BuildRequest)}, {@link #build(String)},
 * {@link #completion(String)}, {@link #stopBuild(String)}, {@link #readLog(String, long)} and
 * {@link #addListener(BuildListener)}.
 */
public final class CodeBuildBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CodeBuildBackend.class);
    static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-_]{1,254}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final int MAX_PROJECTS = 5000;
    private static final int MIN_TIMEOUT = 5;
    private static final int MAX_TIMEOUT = 2160;
    private static final long STOP_WAIT_SECONDS = 30;

    /** A project as persisted: the SDK model's JSON. */
    record StoredProject(String name, String json) {
    }

    /** Where a completed build's log is kept. */
    record StoredLog(String blobId) {
    }

    /** Removes a listener again. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final EmulatorClock clock;
    private final S3Backend s3;
    private final Optional<SsmBackend> ssm;
    private final EmulatorAccess access;
    private final CodeBuildSettings settings;
    private final PersistentCollection<StoredProject> projectStore;
    private final PersistentCollection<Build> buildStore;
    private final PersistentCollection<StoredLog> logStore;
    private final BlobStore logBlobs;
    private final ReportStore reports;
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final Map<String, Build> builds = new ConcurrentHashMap<>();
    private final Map<String, BuildRunner> active = new ConcurrentHashMap<>();
    private final Map<String, BuildLog> liveLogs = new ConcurrentHashMap<>();
    private final Map<String, StoredLog> storedLogs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Build>> completions = new ConcurrentHashMap<>();
    private final List<BuildListener> listeners = new CopyOnWriteArrayList<>();
    private Path workRoot;
    private final boolean ownsWorkRoot;
    private final ThreadPoolExecutor executor;
    private volatile boolean closed;

    public CodeBuildBackend(EmulatorClock clock, StateStore state, S3Backend s3, Optional<SsmBackend> ssm,
            EmulatorAccess access, CodeBuildSettings settings) {
        this.clock = clock;
        this.s3 = s3;
        this.ssm = ssm;
        this.access = access;
        this.settings = settings;
        this.projectStore = state.collection("codebuild.projects", StoredProject.class);
        this.buildStore = state.collection("codebuild.builds", Build.class);
        this.logStore = state.collection("codebuild.logs", StoredLog.class);
        this.logBlobs = state.blobs("codebuild.log-blobs");
        this.reports = new ReportStore(clock, state, access.region(), access.accountId());
        storedLogs.putAll(logStore.loadAll());
        for (StoredProject stored : projectStore.loadAll().values()) {
            try {
                projects.put(stored.name(), ModelJson.read(stored.json(), Project::builder));
            } catch (IOException | RuntimeException e) {
                throw new StateCorruptedException("codebuild.projects/" + stored.name(), e.toString(), e);
            }
        }
        Instant now = clock.now();
        for (Build loaded : buildStore.loadAll().values()) {
            Build build = loaded.isComplete() ? loaded : interruptedByRestart(loaded, now);
            builds.put(build.id(), build);
        }
        this.ownsWorkRoot = settings.workRoot().isEmpty();
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(settings.maxConcurrentBuilds(), settings.maxConcurrentBuilds(), 0,
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "codebuild-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** A build the emulator was running when it stopped: it can never complete, so it failed. */
    private Build interruptedByRestart(Build build, Instant now) {
        BuildProgress progress = new BuildProgress(build);
        progress.phaseInProgress().ifPresent(phase -> progress.endPhase(PhaseStatus.FAILED,
                List.of(new PhaseContext("EMULATOR_STOPPED", "The emulator stopped while the build was running")),
                now));
        Build failed = progress.complete(BuildStatus.FAILED, now);
        buildStore.put(failed.id(), failed);
        LOG.info("Build {} was in progress when the emulator stopped; marked FAILED", build.id());
        return failed;
    }

    // =================================================================== projects

    public String projectArn(String name) {
        return "arn:aws:codebuild:" + access.region() + ":" + access.accountId() + ":project/" + name;
    }

    /** Creates a project from {@code requested} (as CreateProject gives it), filling in ARN, times and defaults. */
    public synchronized Project createProject(Project requested) {
        String name = requested.name();
        if (name == null || !PROJECT_NAME.matcher(name).matches()) {
            throw invalidInput("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [A-Za-z0-9][A-Za-z0-9\\-_]{1,254}");
        }
        if (projects.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", "Project already exists: " + projectArn(name),
                    400);
        }
        if (projects.size() >= MAX_PROJECTS) {
            throw new AwsException("AccountLimitExceededException", "Cannot have more than " + MAX_PROJECTS
                    + " projects in an account", 400);
        }
        Instant now = clock.now();
        Project project = normalize(requested.toBuilder().arn(projectArn(name)).created(now).lastModified(now)
                .build());
        store(project);
        return project;
    }

    /** A project by name or ARN. */
    public Optional<Project> project(String nameOrArn) {
        String name = nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
        Project project = projects.get(name);
        return project != null && (!nameOrArn.startsWith("arn:") || project.arn().equals(nameOrArn))
                ? Optional.of(project) : Optional.empty();
    }

    /** Changes a project; {@code change} receives the current one. */
    public synchronized Project updateProject(String name, UnaryOperator<Project> change) {
        Project current = requireProject(name);
        Project changed = change.apply(current);
        Project project = normalize(changed.toBuilder().name(current.name()).arn(current.arn())
                .created(current.created()).lastModified(clock.now()).build());
        store(project);
        return project;
    }

    /** Deletes a project (its builds stay, as in AWS); deleting a missing project succeeds. */
    public synchronized void deleteProject(String name) {
        if (projects.remove(name) != null) {
            projectStore.remove(name);
        }
    }

    public List<Project> projects() {
        return List.copyOf(projects.values());
    }

    private Project requireProject(String nameOrArn) {
        return project(nameOrArn).orElseThrow(() -> new AwsException("ResourceNotFoundException",
                "Project cannot be found: " + (nameOrArn.startsWith("arn:") ? nameOrArn : projectArn(nameOrArn)),
                400));
    }

    private void store(Project project) {
        projectStore.put(project.name(), new StoredProject(project.name(), ModelJson.write(project)));
        projects.put(project.name(), project);
    }

    /** Checks what CreateProject and UpdateProject check, and applies AWS's defaults. */
    private static Project normalize(Project project) {
        checkSource(project.source(), "source");
        List<String> identifiers = new ArrayList<>();
        for (ProjectSource secondary : project.secondarySources()) {
            checkSource(secondary, "secondarySources");
            checkIdentifier(secondary.sourceIdentifier(), "secondary source", identifiers);
        }
        checkArtifacts(project.artifacts());
        identifiers.clear();
        for (ProjectArtifacts secondary : project.secondaryArtifacts()) {
            checkArtifacts(secondary);
            checkIdentifier(secondary.artifactIdentifier(), "secondary artifact", identifiers);
        }
        if (project.environment() == null) {
            throw invalidInput("Project environment is required");
        }
        for (software.amazon.awssdk.services.codebuild.model.EnvironmentVariable variable
                : project.environment().environmentVariables()) {
            checkVariable(variable.name(), variable.value(), variable.typeAsString());
        }
        int timeout = project.timeoutInMinutes() == null ? 60 : project.timeoutInMinutes();
        checkTimeout(timeout, "timeoutInMinutes");
        int queued = project.queuedTimeoutInMinutes() == null ? 480 : project.queuedTimeoutInMinutes();
        if (queued < 5 || queued > 480) {
            throw invalidInput("1 validation error detected: Value '" + queued + "' at 'queuedTimeoutInMinutes'"
                    + " failed to satisfy constraint: Member must have value between 5 and 480");
        }
        return project.toBuilder().timeoutInMinutes(timeout).queuedTimeoutInMinutes(queued).build();
    }

    static void checkSource(ProjectSource source, String what) {
        if (source == null || source.type() == null) {
            throw invalidInput("Invalid " + what + ": a source type is required");
        }
        String type = source.typeAsString();
        if ("S3".equals(type)) {
            try {
                SourceInput.parseS3Location(source.location() == null ? "" : source.location());
            } catch (IllegalArgumentException e) {
                throw invalidInput("Invalid source location for type S3: '" + source.location()
                        + "' (expected bucket/key of a zip, or bucket/prefix/)");
            }
        } else if ("NO_SOURCE".equals(type) && (source.buildspec() == null || source.buildspec().isBlank())) {
            throw invalidInput("Invalid " + what + ": a buildspec is required when the source type is NO_SOURCE");
        } else if (!"CODEPIPELINE".equals(type) && !"NO_SOURCE".equals(type)
                && (source.location() == null || source.location().isBlank())) {
            throw invalidInput("Invalid " + what + ": a location is required for source type " + type);
        }
    }

    static void checkArtifacts(ProjectArtifacts artifacts) {
        if (artifacts == null || artifacts.type() == null) {
            throw invalidInput("Invalid artifacts: an artifacts type is required");
        }
        if ("S3".equals(artifacts.typeAsString())) {
            if (artifacts.location() == null || artifacts.location().isBlank()) {
                throw invalidInput("Invalid artifacts: a location (bucket) is required for artifacts type S3");
            }
            if (artifacts.name() == null || artifacts.name().isBlank()) {
                throw invalidInput("Invalid artifacts: a name is required for artifacts type S3");
            }
        }
    }

    private static void checkIdentifier(String identifier, String what, List<String> seen) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw invalidInput("Invalid " + what + " identifier '" + identifier + "': letters, digits and"
                    + " underscores, starting with a letter or underscore");
        }
        if (seen.contains(identifier)) {
            throw invalidInput("Duplicate " + what + " identifier: " + identifier);
        }
        seen.add(identifier);
    }

    private static void checkVariable(String name, String value, String type) {
        if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw invalidInput("Invalid environment variable name: '" + name + "'");
        }
        if (value == null || value.indexOf('\0') >= 0) {
            throw invalidInput("Invalid value for environment variable " + name);
        }
        if (type != null && !List.of("PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER").contains(type)) {
            throw invalidInput("Invalid environment variable type " + type + " for " + name);
        }
    }

    private static void checkTimeout(int minutes, String member) {
        if (minutes < MIN_TIMEOUT || minutes > MAX_TIMEOUT) {
            throw invalidInput("1 validation error detected: Value '" + minutes + "' at '" + member + "' failed to"
                    + " satisfy constraint: Member must have value between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT);
        }
    }

    // =================================================================== builds

    /**
     * Starts a build: it is recorded (SUBMITTED, then QUEUED) and runs as soon as a build slot is free.
     *
     * @throws AwsException ResourceNotFoundException for an unknown project, InvalidInputException for
     *     bad overrides, AccountLimitExceededException when the queue is full
     */
    public Build startBuild(BuildRequest request) {
        if (closed) {
            throw AwsException.internal("The emulator is shutting down");
        }
        Project project = requireProject(request.projectName());
        BuildPlan plan = plan(project, request);
        Build build;
        BuildRunner runner;
        synchronized (this) {
            long queued = active.values().stream().filter(BuildRunner::isQueued).count();
            if (queued >= settings.maxQueuedBuilds()) {
                throw new AwsException("AccountLimitExceededException", "Cannot have more than "
                        + settings.maxQueuedBuilds() + " builds in queue for the account", 400);
            }
            build = newBuild(project, request, plan);
            builds.put(build.id(), build);
            buildStore.put(build.id(), build);
            Path root = workRoot();
            BuildLog log = BuildLog.live(root.resolve("logs").resolve(build.uuid() + ".log"));
            liveLogs.put(build.id(), log);
            completions.put(build.id(), new CompletableFuture<>());
            runner = new BuildRunner(new BuildProgress(build), plan, new BuildRunner.Services(clock, s3, ssm,
                    reports, access, settings, root), new RunnerHost(), log);
            active.put(build.id(), runner);
        }
        notify(listener -> listener.changed(build));
        runner.scheduleQueuedTimeout();
        executor.execute(runner);
        return build;
    }

    /** Where workspaces and live logs go, made on the first build (an emulator that runs none leaves nothing). */
    private synchronized Path workRoot() {
        if (workRoot == null) {
            try {
                workRoot = settings.workRoot().isPresent() ? Files.createDirectories(settings.workRoot().get())
                        : Files.createTempDirectory("stepsolver-codebuild-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the CodeBuild work directory", e);
            }
        }
        return workRoot;
    }

    private BuildPlan plan(Project project, BuildRequest request) {
        SourceInput primary = request.primarySource().orElseGet(() -> sourceOf(project.source(), true));
        Map<String, SourceInput> secondary = request.secondarySources().orElseGet(() -> {
            Map<String, SourceInput> fromProject = new LinkedHashMap<>();
            project.secondarySources().forEach(s -> fromProject.put(s.sourceIdentifier(), sourceOf(s, false)));
            return fromProject;
        });
        List<String> seen = new ArrayList<>();
        secondary.keySet().forEach(id -> checkIdentifier(id, "secondary source", seen));
        Optional<String> buildspec = request.buildspecOverride()
                .or(() -> Optional.ofNullable(project.source().buildspec()))
                .filter(b -> !b.isBlank());
        if (primary instanceof SourceInput.None && buildspec.isEmpty()) {
            throw invalidInput("Invalid input: a buildspec is required when the source type is NO_SOURCE");
        }
        Map<String, EnvironmentVariable> variables = new LinkedHashMap<>();
        for (software.amazon.awssdk.services.codebuild.model.EnvironmentVariable v
                : project.environment().environmentVariables()) {
            variables.put(v.name(), new EnvironmentVariable(v.name(), v.value(), variableType(v.type())));
        }
        for (EnvironmentVariable v : request.environmentOverrides()) {
            checkVariable(v.name(), v.value(), v.type().name());
            variables.remove(v.name());
            variables.put(v.name(), v);
        }
        int timeout = project.timeoutInMinutes();
        if (request.timeoutInMinutes().isPresent()) {
            timeout = request.timeoutInMinutes().getAsInt();
            checkTimeout(timeout, "timeoutInMinutesOverride");
        }
        ArtifactTarget artifacts = request.artifacts().orElseGet(() -> targetOf(project.artifacts(), project.name()));
        Map<String, ArtifactTarget> secondaryArtifacts = request.secondaryArtifacts().orElseGet(() -> {
            Map<String, ArtifactTarget> fromProject = new LinkedHashMap<>();
            project.secondaryArtifacts().forEach(a -> fromProject.put(a.artifactIdentifier(),
                    targetOf(a, project.name())));
            return fromProject;
        });
        return new BuildPlan(primary, secondary, buildspec, List.copyOf(variables.values()), timeout, artifacts,
                secondaryArtifacts);
    }

    private static EnvironmentVariable.Type variableType(EnvironmentVariableType type) {
        if (type == null) {
            return EnvironmentVariable.Type.PLAINTEXT;
        }
        return switch (type) {
            case PARAMETER_STORE -> EnvironmentVariable.Type.PARAMETER_STORE;
            case SECRETS_MANAGER -> EnvironmentVariable.Type.SECRETS_MANAGER;
            default -> EnvironmentVariable.Type.PLAINTEXT;
        };
    }

    /** How a project's source is fetched. */
    static SourceInput sourceOf(ProjectSource source, boolean primary) {
        String type = source.typeAsString();
        return switch (type) {
            case "S3" -> SourceInput.parseS3Location(source.location());
            case "NO_SOURCE" -> new SourceInput.None();
            case "CODEPIPELINE" -> throw invalidInput((primary ? "The project's source" : "Secondary source "
                    + source.sourceIdentifier()) + " has type CODEPIPELINE, which only CodePipeline can provide;"
                    + " start the build with a source override (for example sourceTypeOverride S3 and"
                    + " sourceLocationOverride bucket/key)");
            default -> new SourceInput.Unsupported(type, source.location());
        };
    }

    /** Where a project's artifacts go. */
    static ArtifactTarget targetOf(ProjectArtifacts artifacts, String projectName) {
        if (artifacts == null) {
            return ArtifactTarget.none("the project has no artifacts");
        }
        return switch (artifacts.typeAsString()) {
            case "S3" -> new ArtifactTarget.S3(artifacts.location(), artifacts.path() == null ? "" : artifacts.path(),
                    artifacts.name() == null ? projectName : artifacts.name(),
                    artifacts.namespaceType() == ArtifactNamespace.BUILD_ID,
                    artifacts.packaging() == ArtifactPackaging.ZIP,
                    Boolean.TRUE.equals(artifacts.overrideArtifactName()));
            case "CODEPIPELINE" -> ArtifactTarget.none("the artifacts type is CODEPIPELINE, and only CodePipeline"
                    + " gives their location");
            default -> ArtifactTarget.none("the artifacts type is " + artifacts.typeAsString());
        };
    }

    private Build newBuild(Project project, BuildRequest request, BuildPlan plan) {
        String uuid = UUID.randomUUID().toString();
        String id = project.name() + ":" + uuid;
        long number = builds.values().stream().filter(b -> b.projectName().equals(project.name()))
                .mapToLong(Build::buildNumber).max().orElse(0) + 1;
        Instant now = clock.now();
        String sourceType = request.sourceType().orElse(project.source().typeAsString());
        BuildSource source = new BuildSource(sourceType, describe(plan.primary()).orElse(null),
                plan.buildspec().orElse(null), null);
        List<BuildSource> secondary = new ArrayList<>();
        plan.secondary().forEach((identifier, input) -> secondary.add(new BuildSource(typeOf(input),
                describe(input).orElse(null), null, identifier)));
        BuildEnvironment environment = new BuildEnvironment(project.environment().typeAsString(),
                project.environment().image(), project.environment().computeTypeAsString(), plan.variables());
        List<Phase> phases = List.of(new Phase(PhaseType.SUBMITTED, PhaseStatus.SUCCEEDED, now, now, List.of()),
                new Phase(PhaseType.QUEUED, null, now, null, List.of()));
        return new Build(id, "arn:aws:codebuild:" + access.region() + ":" + access.accountId() + ":build/" + id,
                number, project.name(), now, null, PhaseType.QUEUED, BuildStatus.IN_PROGRESS, phases, source,
                secondary, request.sourceVersion().orElse(null), request.resolvedSourceVersion().orElse(null),
                environment, project.serviceRole(), request.initiator(), plan.timeoutInMinutes(),
                project.queuedTimeoutInMinutes(), null, List.of(), Map.of(), List.of(),
                "/aws/codebuild/" + project.name(), uuid);
    }

    private static Optional<String> describe(SourceInput input) {
        return switch (input) {
            case SourceInput.S3 s3 -> Optional.of(s3.location());
            case SourceInput.Directory directory -> Optional.of(directory.path().toString());
            case SourceInput.None none -> Optional.empty();
            case SourceInput.Unsupported unsupported -> Optional.ofNullable(unsupported.location());
        };
    }

    private static String typeOf(SourceInput input) {
        return switch (input) {
            case SourceInput.S3 s3 -> "S3";
            case SourceInput.Directory directory -> "CODEPIPELINE";
            case SourceInput.None none -> "NO_SOURCE";
            case SourceInput.Unsupported unsupported -> unsupported.type();
        };
    }

    /** A build by id. */
    public Optional<Build> build(String id) {
        return Optional.ofNullable(builds.get(id));
    }

    /** Every build, newest first. */
    public List<Build> builds() {
        List<Build> all = new ArrayList<>(builds.values());
        all.sort(Comparator.comparing(Build::startTime).thenComparing(Build::buildNumber).reversed());
        return all;
    }

    /**
     * A project's builds, newest first.
     *
     * @throws AwsException ResourceNotFoundException for an unknown project
     */
    public List<Build> buildsOf(String projectName) {
        requireProject(projectName);
        return builds().stream().filter(b -> b.projectName().equals(projectName)).toList();
    }

    /**
     * Completes when the build does, with its final record. Builds that already completed (even
     * before a restart) give a completed future.
     *
     * @throws AwsException ResourceNotFoundException for an unknown build
     */
    public CompletableFuture<Build> completion(String id) {
        Build build = requireBuild(id);
        if (build.isComplete()) {
            return CompletableFuture.completedFuture(build);
        }
        CompletableFuture<Build> future = completions.get(id);
        // completed in between: the record is final
        return future != null ? future.copy() : CompletableFuture.completedFuture(builds.get(id));
    }

    /**
     * Stops a build: its processes are killed, it ends STOPPED. Waits (bounded) for it to complete and
     * returns its record; a completed build is returned as it is.
     */
    public Build stopBuild(String id) {
        Build build = requireBuild(id);
        BuildRunner runner = active.get(id);
        if (build.isComplete() || runner == null) {
            return builds.get(id);
        }
        runner.interrupt(BuildRunner.Interruption.STOPPED);
        try {
            return completion(id).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // still finishing: the caller sees it in progress, as AWS often answers
        }
        return builds.get(id);
    }

    /**
     * The build's log from byte {@code offset}, while it runs or after.
     *
     * @throws AwsException ResourceNotFoundException for an unknown build
     */
    public LogChunk readLog(String id, long offset) {
        Build build = requireBuild(id);
        BuildLog live = liveLogs.get(id);
        if (live != null) {
            return live.read(offset, false);
        }
        Optional<BlobStore.Blob> blob = Optional.ofNullable(storedLogs.get(id))
                .flatMap(stored -> logBlobs.read(stored.blobId()));
        return BuildLog.sealed(blob).read(offset, build.isComplete());
    }

    /** The whole log so far (bounded by the log's own limit). */
    public String logText(String id) {
        StringBuilder text = new StringBuilder();
        long offset = 0;
        while (true) {
            LogChunk chunk = readLog(id, offset);
            text.append(chunk.text());
            if (chunk.nextOffset() == offset) {
                return text.toString();
            }
            offset = chunk.nextOffset();
        }
    }

    /** Follows every build from now on; close the registration to stop. */
    public Registration addListener(BuildListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private Build requireBuild(String id) {
        if (id == null || id.indexOf(':') <= 0) {
            throw invalidInput("Invalid build ID provided");
        }
        Build build = builds.get(id);
        if (build == null) {
            throw new AwsException("ResourceNotFoundException", "Build " + id + " does not exist", 400);
        }
        return build;
    }

    /** The runner's reports: records, persistence, listeners. */
    private final class RunnerHost implements BuildRunner.Host {
        @Override
        public void changed(Build build) {
            builds.put(build.id(), build);
            buildStore.put(build.id(), build);
            CodeBuildBackend.this.notify(listener -> listener.changed(build));
        }

        @Override
        public void logLine(Build build, String line) {
            CodeBuildBackend.this.notify(listener -> listener.logLine(build, line));
        }

        @Override
        public void completed(Build build) {
            BuildLog log = liveLogs.get(build.id());
            if (log != null) {
                try {
                    StoredLog stored = new StoredLog(log.seal(logBlobs));
                    logStore.put(build.id(), stored);
                    storedLogs.put(build.id(), stored);
                } catch (RuntimeException e) {
                    LOG.warn("The log of build {} could not be kept", build.id(), e);
                }
            }
            builds.put(build.id(), build);
            buildStore.put(build.id(), build);
            liveLogs.remove(build.id());
            active.remove(build.id());
            // Listeners hear of it before anyone waiting on the completion goes on.
            CodeBuildBackend.this.notify(listener -> listener.completed(build));
            CompletableFuture<Build> future = completions.remove(build.id());
            if (future != null) {
                future.complete(build);
            }
        }
    }

    private void notify(java.util.function.Consumer<BuildListener> event) {
        for (BuildListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A build listener failed", e);
            }
        }
    }

    // =================================================================== report groups and reports

    public ReportGroup createReportGroup(String name, ReportType type, String exportConfig, Map<String, String> tags) {
        return reports.createGroup(name, type, exportConfig, tags);
    }

    /** A report group by ARN (or name). */
    public Optional<ReportGroup> reportGroup(String arnOrName) {
        return reports.group(arnOrName);
    }

    public List<ReportGroup> reportGroups() {
        return reports.groups();
    }

    public void deleteReportGroup(String arn, boolean deleteReports) {
        reports.deleteGroup(arn, deleteReports);
    }

    public Optional<Report> report(String arn) {
        return reports.report(arn);
    }

    /**
     * A report group's reports, newest first.
     *
     * @throws AwsException ResourceNotFoundException for an unknown group
     */
    public List<Report> reportsOf(String groupArn) {
        ReportGroup group = reports.group(groupArn).orElseThrow(() -> new AwsException("ResourceNotFoundException",
                "Report group " + groupArn + " does not exist", 400));
        return reports.reportsOf(group.arn());
    }

    public List<TestCase> testCases(String reportArn) {
        return reports.testCases(reportArn);
    }

    public List<FileCoverage> codeCoverages(String reportArn) {
        return reports.coverages(reportArn);
    }

    // =================================================================== shutdown

    /**
     * Stops accepting builds, kills running ones (they end FAILED, "the emulator stopped") and
     * waits for them to finish, then removes the temporary work directory.
     */
    @Override
    public void close() {
        closed = true;
        List<BuildRunner> runners = List.copyOf(active.values());
        runners.forEach(runner -> runner.interrupt(BuildRunner.Interruption.SHUTDOWN));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (ownsWorkRoot && workRoot != null) {
                FileTrees.deleteQuietly(workRoot);
            }
        }
    }

    private static AwsException invalidInput(String message) {
        return AwsException.badRequest("InvalidInputException", message);
    }
}
