package dev.stepsolver.emulator.codebuild;

import dev.stepsolver.emulator.codebuild.BashSession.KilledException;
import dev.stepsolver.emulator.codebuild.Buildspec.ArtifactSpec;
import dev.stepsolver.emulator.codebuild.Buildspec.OnFailure;
import dev.stepsolver.emulator.codebuild.Buildspec.PhaseSpec;
import dev.stepsolver.emulator.codebuild.Buildspec.ReportSpec;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.ssm.SsmBackend;
import dev.stepsolver.emulator.state.BlobStore;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one build through CodeBuild's phases: PROVISIONING (a fresh workspace), DOWNLOAD_SOURCE
 * (sources, buildspec, environment), INSTALL, PRE_BUILD, BUILD, POST_BUILD (the buildspec's
 * commands in one {@link BashSession}), UPLOAD_ARTIFACTS (reports and artifacts), FINALIZING.
 *
 * <p>Failures follow AWS's phase transitions: a failed INSTALL or PRE_BUILD goes to FINALIZING, a
 * failed BUILD still runs POST_BUILD and UPLOAD_ARTIFACTS, a failed POST_BUILD still uploads; with
 * {@code on-failure: CONTINUE} the next phase runs as usual. A stop, a timeout or the emulator
 * shutting down kills the whole process tree and goes to FINALIZING.
 */
final class BuildRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BuildRunner.class);
    private static final long MAX_BUILDSPEC_BYTES = 1024 * 1024;
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    /** Why a build was cut short. */
    enum Interruption { STOPPED, TIMED_OUT, SHUTDOWN }

    /** How a command phase ended. */
    private enum Outcome { SUCCEEDED, FAILED, INTERRUPTED }

    /** Where the runner reports. */
    interface Host {
        void changed(Build build);

        void logLine(Build build, String line);

        void completed(Build build);
    }

    /** What the runner uses of the emulator. */
    record Services(EmulatorClock clock, S3Backend s3, Optional<SsmBackend> ssm, ReportStore reports,
            EmulatorAccess access, CodeBuildSettings settings, Path workRoot) {
    }

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    private final BuildProgress progress;
    private final BuildPlan plan;
    private final Services services;
    private final Host host;
    private final BuildLog log;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final AtomicReference<Interruption> interruption = new AtomicReference<>();
    private final Object sessionLock = new Object();
    private BashSession session;
    private EmulatorClock.Scheduled timeout;
    private volatile EmulatorClock.Scheduled queuedTimeout;
    private Path workspace;
    private Path sourceDirectory;
    private Path control;
    private Buildspec buildspec;
    private Map<String, String> environment;

    BuildRunner(BuildProgress progress, BuildPlan plan, Services services, Host host, BuildLog log) {
        this.progress = progress;
        this.plan = plan;
        this.services = services;
        this.host = host;
        this.log = log;
    }

    Build snapshot() {
        return progress.snapshot();
    }

    boolean isQueued() {
        return state.get() == QUEUED;
    }

    /**
     * Cuts the build short. A queued build completes at once; a running one has its processes
     * killed and completes on its own thread.
     */
    void interrupt(Interruption why) {
        if (completeUnstarted(why) || !interruption.compareAndSet(null, why)) {
            return;
        }
        BashSession current;
        synchronized (sessionLock) {
            current = session;
        }
        if (current != null) {
            // Off the caller's thread: it may be the clock's, and killing waits for processes to exit.
            Thread.ofVirtual().name("codebuild-kill").start(current::kill);
        }
    }

    /** Completes a build that never left the queue; false when it has started. */
    private boolean completeUnstarted(Interruption why) {
        if (!state.compareAndSet(QUEUED, DONE)) {
            return false;
        }
        interruption.compareAndSet(null, why);
        Instant now = now();
        host.changed(progress.endPhase(phaseStatus(why), contexts(why), now));
        host.completed(progress.complete(buildStatus(why), now));
        return true;
    }

    /** Times the build out if it is still queued after the project's queued timeout. */
    void scheduleQueuedTimeout() {
        Build build = progress.snapshot();
        queuedTimeout = services.clock().schedule(build.startTime().plusNanos(realMinutes(
                build.queuedTimeoutInMinutes())), () -> completeUnstarted(Interruption.TIMED_OUT));
    }

    @Override
    public void run() {
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return;
        }
        if (queuedTimeout != null) {
            queuedTimeout.cancel();
        }
        BuildStatus status;
        try {
            status = execute();
        } catch (InterruptedException e) {
            interruption.compareAndSet(null, Interruption.SHUTDOWN);
            endInterrupted();
            status = buildStatus(interruption.get());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Build {} faulted", progress.snapshot().id(), e);
            container("The emulator could not run the build: " + e);
            if (progress.phaseInProgress().isPresent()) {
                host.changed(progress.endPhase(PhaseStatus.FAULT, List.of(new PhaseContext("INTERNAL_ERROR",
                        "The emulator could not run the build: " + e.getMessage())), now()));
            }
            status = BuildStatus.FAULT;
        }
        finish(status);
    }

    private BuildStatus execute() throws IOException, InterruptedException {
        Instant runStart = now();
        host.changed(progress.endPhase(PhaseStatus.SUCCEEDED, List.of(), runStart));
        scheduleTimeout(runStart);

        startPhase(PhaseType.PROVISIONING);
        container("Running on the emulator's CodeBuild: commands run with bash on this machine");
        workspace = services.workRoot().resolve(progress.snapshot().uuid());
        sourceDirectory = workspace.resolve("src");
        control = workspace.resolve("control");
        Files.createDirectories(sourceDirectory);
        Files.createDirectories(control);
        endPhase(PhaseType.PROVISIONING, PhaseStatus.SUCCEEDED, List.of());
        if (interruption.get() != null) {
            return buildStatus(interruption.get());
        }

        startPhase(PhaseType.DOWNLOAD_SOURCE);
        Optional<PhaseContext> downloadFailure = downloadSource();
        if (downloadFailure.isPresent()) {
            endPhase(PhaseType.DOWNLOAD_SOURCE, PhaseStatus.FAILED, List.of(downloadFailure.get()));
            return BuildStatus.FAILED;
        }
        endPhase(PhaseType.DOWNLOAD_SOURCE, PhaseStatus.SUCCEEDED, List.of());
        synchronized (sessionLock) {
            session = new BashSession(control, sourceDirectory, environment, buildspec.shell() == Buildspec.Shell.SH,
                    this::output);
            if (interruption.get() != null) {
                session.kill();
            }
        }

        boolean succeeding = true;
        boolean toFinalizing = false;
        for (PhaseType phase : Buildspec.COMMAND_PHASES) {
            if (interruption.get() != null) {
                return buildStatus(interruption.get());
            }
            Outcome result = commandPhase(phase, succeeding);
            if (result == Outcome.INTERRUPTED) {
                return buildStatus(interruption.get());
            }
            if (result == Outcome.FAILED) {
                succeeding = false;
                OnFailure mode = buildspec.phase(phase).map(PhaseSpec::onFailure).orElse(OnFailure.ABORT);
                if (mode == OnFailure.ABORT && (phase == PhaseType.INSTALL || phase == PhaseType.PRE_BUILD)) {
                    toFinalizing = true;
                    break;
                }
            }
        }
        if (toFinalizing) {
            return BuildStatus.FAILED;
        }
        try {
            captureExportedVariables();
            startPhase(PhaseType.UPLOAD_ARTIFACTS);
            collectReports();
            Optional<PhaseContext> uploadFailure = uploadArtifacts();
            endPhase(PhaseType.UPLOAD_ARTIFACTS, uploadFailure.isPresent() ? PhaseStatus.FAILED : PhaseStatus.SUCCEEDED,
                    uploadFailure.stream().toList());
        } catch (KilledException e) {
            endInterrupted();
            return buildStatus(interruption.get());
        }
        if (interruption.get() != null) {
            return buildStatus(interruption.get());
        }
        return progress.anyPhaseFailed() ? BuildStatus.FAILED : BuildStatus.SUCCEEDED;
    }

    // ------------------------------------------------------------------ DOWNLOAD_SOURCE

    private Optional<PhaseContext> downloadSource() throws IOException {
        SourceFetcher fetcher = new SourceFetcher(services.s3());
        try {
            fetcher.fetch(plan.primary(), sourceDirectory, control);
            container("CODEBUILD_SRC_DIR=" + sourceDirectory);
            for (Map.Entry<String, SourceInput> secondary : plan.secondary().entrySet()) {
                Path directory = secondaryDirectory(secondary.getKey());
                fetcher.fetch(secondary.getValue(), directory, control);
                container("CODEBUILD_SRC_DIR_" + secondary.getKey() + "=" + directory);
            }
        } catch (SourceFetcher.SourceException e) {
            return failure("CLIENT_ERROR", e.getMessage());
        }
        String yaml;
        String location = plan.buildspec().filter(b -> !b.isBlank()).orElse("buildspec.yml");
        if (location.contains("\n") || location.trim().startsWith("version") || location.trim().startsWith("{")) {
            container("YAML location is the project's inline buildspec");
            yaml = location;
        } else if (location.startsWith("arn:aws:s3:::")) {
            container("YAML location is " + location);
            try {
                SourceInput.S3 object = SourceInput.parseS3Location(location);
                BlobStore.Blob body = services.s3().getObject(object.bucket(), object.key()).body();
                if (body.length() > MAX_BUILDSPEC_BYTES) {
                    return failure("YAML_FILE_ERROR", location + " is larger than " + MAX_BUILDSPEC_BYTES + " bytes");
                }
                yaml = switch (body) {
                    case BlobStore.Blob.OnDisk disk -> Files.readString(disk.file(), StandardCharsets.UTF_8);
                    case BlobStore.Blob.InMemory memory -> new String(memory.bytes(), StandardCharsets.UTF_8);
                };
            } catch (AwsException | IllegalArgumentException e) {
                return failure("YAML_FILE_ERROR", "cannot read the buildspec at " + location + ": " + e.getMessage());
            }
        } else {
            Path file = sourceDirectory.resolve(location).normalize();
            container("YAML location is " + file);
            if (!file.startsWith(sourceDirectory) || !Files.isRegularFile(file)) {
                return failure("YAML_FILE_ERROR", "stat " + file + ": no such file or directory");
            }
            if (Files.size(file) > MAX_BUILDSPEC_BYTES) {
                return failure("YAML_FILE_ERROR", file + " is larger than " + MAX_BUILDSPEC_BYTES + " bytes");
            }
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        }
        try {
            buildspec = BuildspecParser.parse(yaml);
        } catch (BuildspecParser.InvalidBuildspecException e) {
            return failure("YAML_FILE_ERROR", e.getMessage());
        }
        buildspec.notes().forEach(note -> container("Buildspec: " + note));
        if (!buildspec.secretsManager().isEmpty()) {
            return failure("CLIENT_ERROR", "env/secrets-manager is not supported: the emulator has no Secrets Manager"
                    + " (use env/parameter-store)");
        }
        container("Processing environment variables");
        try {
            Map<String, String> fromBuildspec = new LinkedHashMap<>(buildspec.variables());
            for (Map.Entry<String, String> entry : buildspec.parameterStore().entrySet()) {
                fromBuildspec.put(entry.getKey(), parameter(entry.getValue()));
            }
            Map<String, String> fromProject = new LinkedHashMap<>();
            for (EnvironmentVariable variable : plan.variables()) {
                fromProject.put(variable.name(), switch (variable.type()) {
                    case PLAINTEXT -> variable.value();
                    case PARAMETER_STORE -> parameter(variable.value());
                    case SECRETS_MANAGER -> throw new VariableException("SECRETS_MANAGER variable " + variable.name()
                            + " cannot be resolved: the emulator has no Secrets Manager");
                });
            }
            environment = environment(fromBuildspec, fromProject);
        } catch (VariableException e) {
            return failure("Decrypted Variables Error", e.getMessage());
        }
        return Optional.empty();
    }

    /** A variable whose value cannot be found. */
    private static final class VariableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VariableException(String message) {
            super(message, null, false, false);
        }
    }

    private String parameter(String name) {
        SsmBackend ssm = services.ssm().orElseThrow(() -> new VariableException(
                "parameter store is not available in this emulator: " + name));
        try {
            return ssm.get(name, true).value();
        } catch (AwsException e) {
            throw new VariableException("parameter does not exist: " + name);
        }
    }

    private Path secondaryDirectory(String identifier) {
        return workspace.resolve("secondary").resolve(identifier);
    }

    /**
     * The build's environment, each layer overriding the one before: this machine's (HOME and PATH
     * kept, so ./mvnw finds the local Maven repository; its AWS_ and CODEBUILD_ variables dropped),
     * the emulator's endpoint and credentials (and a DOCKER_CONFIG of the build's own), the buildspec's variables, the project's, the
     * request's (already merged into the project's), and CodeBuild's own.
     */
    private Map<String, String> environment(Map<String, String> fromBuildspec, Map<String, String> fromProject) {
        Build build = progress.snapshot();
        Map<String, String> env = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("AWS_") && !name.startsWith("CODEBUILD_")) {
                env.put(name, value);
            }
        });
        EmulatorAccess access = services.access();
        env.put("AWS_REGION", access.region());
        env.put("AWS_DEFAULT_REGION", access.region());
        env.put("AWS_ACCESS_KEY_ID", access.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", access.secretAccessKey());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        access.endpoint().get().ifPresent(uri -> env.put("AWS_ENDPOINT_URL", uri.toString()));
        // Registry logins (docker login, ecr-login, Jib) stay in the build, as in CodeBuild's own
        // container, instead of landing in this machine's ~/.docker/config.json.
        env.put("DOCKER_CONFIG", workspace.resolve("docker-config").toString());
        javaRuntime(env);
        env.putAll(fromBuildspec);
        env.putAll(fromProject);
        env.put("CODEBUILD_BUILD_ID", build.id());
        env.put("CODEBUILD_BUILD_ARN", build.arn());
        env.put("CODEBUILD_BUILD_NUMBER", Long.toString(build.buildNumber()));
        env.put("CODEBUILD_BUILD_IMAGE", build.environment().image());
        env.put("CODEBUILD_BUILD_SUCCEEDING", "1");
        env.put("CODEBUILD_CI", "true");
        env.put("CODEBUILD_INITIATOR", build.initiator());
        env.put("CODEBUILD_LOG_PATH", build.logStream());
        env.put("CODEBUILD_PROJECT", build.projectName());
        env.put("CODEBUILD_SRC_DIR", sourceDirectory.toString());
        env.put("CODEBUILD_START_TIME", Long.toString(build.startTime().toEpochMilli()));
        build.sourceVersionIfAny().ifPresent(v -> env.put("CODEBUILD_SOURCE_VERSION", v));
        build.resolvedSourceVersionIfAny().ifPresent(v -> env.put("CODEBUILD_RESOLVED_SOURCE_VERSION", v));
        build.source().locationIfAny().ifPresent(v -> env.put("CODEBUILD_SOURCE_REPO_URL", v));
        for (String identifier : plan.secondary().keySet()) {
            env.put("CODEBUILD_SRC_DIR_" + identifier, secondaryDirectory(identifier).toString());
        }
        return env;
    }

    /**
     * {@code runtime-versions: java: ...} selects this machine's JDK at {@code JAVA_HOME}: its
     * {@code bin} goes first on PATH, as CodeBuild puts the selected runtime first. Other runtimes are
     * the tools already on PATH.
     */
    private void javaRuntime(Map<String, String> env) {
        Optional<String> requested = buildspec.phase(PhaseType.INSTALL)
                .map(phase -> phase.runtimeVersions().get("java"));
        String javaHome = env.get("JAVA_HOME");
        if (requested.isEmpty()) {
            return;
        }
        if (javaHome == null || !Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
            container("runtime-versions java: " + requested.get() + ": JAVA_HOME is not set to a JDK, so the java"
                    + " on PATH is used");
            return;
        }
        env.put("PATH", Path.of(javaHome, "bin") + ":" + env.getOrDefault("PATH", ""));
        container("runtime-versions java: " + requested.get() + ": using the JDK at JAVA_HOME " + javaHome);
    }

    // ------------------------------------------------------------------ command phases

    /** Runs one command phase. */
    private Outcome commandPhase(PhaseType phase, boolean succeeding) throws IOException, InterruptedException {
        startPhase(phase);
        container("Entering phase " + phase);
        Optional<PhaseSpec> spec = buildspec.phase(phase);
        if (spec.isEmpty()) {
            endPhase(phase, PhaseStatus.SUCCEEDED, List.of());
            return Outcome.SUCCEEDED;
        }
        spec.get().runtimeVersions().forEach((runtime, version) -> {
            if (!(phase == PhaseType.INSTALL && runtime.equals("java"))) {
                container("Ignoring runtime-versions " + runtime + ": " + version
                        + " (commands use the tools installed on this machine)");
            }
        });
        String failedCommand = null;
        int failedStatus = 0;
        try {
            if (!spec.get().commands().isEmpty() || !spec.get().finallyCommands().isEmpty()) {
                session.export("CODEBUILD_BUILD_SUCCEEDING", succeeding ? "1" : "0");
            }
            for (String command : spec.get().commands()) {
                int status = runCommand(command);
                if (status != 0) {
                    failedCommand = command;
                    failedStatus = status;
                    break;
                }
            }
            if (failedCommand != null && !spec.get().finallyCommands().isEmpty()) {
                session.export("CODEBUILD_BUILD_SUCCEEDING", "0");
            }
            for (String command : spec.get().finallyCommands()) {
                int status = runCommand(command);
                if (status != 0 && failedCommand == null) {
                    failedCommand = command;
                    failedStatus = status;
                }
            }
        } catch (KilledException e) {
            endInterrupted();
            return Outcome.INTERRUPTED;
        }
        if (failedCommand != null) {
            endPhase(phase, PhaseStatus.FAILED, List.of(new PhaseContext("COMMAND_EXECUTION_ERROR",
                    "Error while executing command: " + failedCommand + ". Reason: exit status " + failedStatus)));
            return Outcome.FAILED;
        }
        endPhase(phase, PhaseStatus.SUCCEEDED, List.of());
        return Outcome.SUCCEEDED;
    }

    private int runCommand(String command) throws IOException, InterruptedException, KilledException {
        container("Running command " + command);
        int status = session.run(command);
        if (status != 0) {
            container("Command did not exit successfully " + command + " exit status " + status);
        }
        return status;
    }

    private void captureExportedVariables() throws IOException, InterruptedException, KilledException {
        if (buildspec.exportedVariables().isEmpty()) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        session.read(buildspec.exportedVariables()).forEach((name, value) -> values.put(name, value.orElse("")));
        host.changed(progress.exportedVariables(values));
    }

    // ------------------------------------------------------------------ UPLOAD_ARTIFACTS

    private void collectReports() throws IOException {
        ReportCollector collector = new ReportCollector(services.reports());
        Build build = progress.snapshot();
        for (Map.Entry<String, ReportSpec> report : buildspec.reports().entrySet()) {
            Optional<Report> made = collector.collect(build.projectName(), build.arn(), report.getKey(),
                    report.getValue(), sourceDirectory, this::container);
            made.ifPresent(r -> host.changed(progress.reportArn(r.arn())));
        }
    }

    private Optional<PhaseContext> uploadArtifacts() throws IOException, InterruptedException, KilledException {
        ArtifactUploader uploader = new ArtifactUploader(services.s3());
        String uuid = progress.snapshot().uuid();
        try {
            ArtifactTarget target = plan.artifacts();
            if (target instanceof ArtifactTarget.None none) {
                if (buildspec.artifacts().isPresent()) {
                    container("Skipping artifacts: " + none.reason());
                }
            } else {
                ArtifactSpec spec = buildspec.artifacts().orElseThrow(() -> new ArtifactUploader.ArtifactException(
                        "the buildspec declares no artifacts, but the build is to upload them to "
                                + describe(target)));
                host.changed(progress.primaryArtifact(upload(uploader, spec, null, target, uuid)));
            }
            for (Map.Entry<String, ArtifactTarget> secondary : plan.secondaryArtifacts().entrySet()) {
                if (secondary.getValue() instanceof ArtifactTarget.None none) {
                    container("Skipping secondary artifact " + secondary.getKey() + ": " + none.reason());
                    continue;
                }
                ArtifactSpec spec = buildspec.secondaryArtifacts().get(secondary.getKey());
                if (spec == null) {
                    throw new ArtifactUploader.ArtifactException("secondary artifact " + secondary.getKey()
                            + " is not declared in the buildspec's artifacts/secondary-artifacts");
                }
                host.changed(progress.secondaryArtifact(upload(uploader, spec, secondary.getKey(),
                        secondary.getValue(), uuid)));
            }
            for (String identifier : buildspec.secondaryArtifacts().keySet()) {
                if (!plan.secondaryArtifacts().containsKey(identifier)) {
                    container("Skipping secondary artifact " + identifier + ": the project gives it no location");
                }
            }
        } catch (ArtifactUploader.ArtifactException e) {
            return failure("CLIENT_ERROR", e.getMessage());
        }
        return Optional.empty();
    }

    private ArtifactResult upload(ArtifactUploader uploader, ArtifactSpec spec, String identifier,
            ArtifactTarget target, String uuid)
            throws ArtifactUploader.ArtifactException, IOException, InterruptedException, KilledException {
        String what = identifier == null ? "artifacts" : "secondary artifact " + identifier;
        ArtifactResult result = switch (target) {
            case ArtifactTarget.Zip zip -> uploader.upload(spec, sourceDirectory, identifier, zip.bucket(), zip.key(),
                    true, control);
            case ArtifactTarget.S3 s3 -> {
                Optional<String> name = s3.overrideArtifactName() && spec.name().isPresent()
                        ? Optional.of(session.expand(spec.name().get())) : Optional.empty();
                yield uploader.upload(spec, sourceDirectory, identifier, s3.bucket(),
                        ArtifactTarget.keyOf(s3, uuid, name), s3.zip(), control);
            }
            case ArtifactTarget.None none -> throw new IllegalStateException("nothing to upload");
        };
        container("Uploaded " + what + " to " + result.location());
        return result;
    }

    private static String describe(ArtifactTarget target) {
        return switch (target) {
            case ArtifactTarget.Zip zip -> "s3://" + zip.bucket() + "/" + zip.key();
            case ArtifactTarget.S3 s3 -> "s3://" + s3.bucket() + "/" + s3.path();
            case ArtifactTarget.None none -> "nowhere";
        };
    }

    // ------------------------------------------------------------------ the end

    private void finish(BuildStatus status) {
        if (timeout != null) {
            timeout.cancel();
        }
        startPhase(PhaseType.FINALIZING);
        BashSession current;
        synchronized (sessionLock) {
            current = session;
        }
        if (current != null) {
            current.close();
        }
        if (workspace != null && !services.settings().keepWorkspaces()) {
            FileTrees.deleteQuietly(workspace);
        }
        endPhase(PhaseType.FINALIZING, PhaseStatus.SUCCEEDED, List.of());
        Build done = progress.complete(status, now());
        state.set(DONE);
        host.completed(done);
    }

    private void scheduleTimeout(Instant runStart) {
        timeout = services.clock().schedule(runStart.plusNanos(realMinutes(progress.snapshot().timeoutInMinutes())),
                () -> interrupt(Interruption.TIMED_OUT));
    }

    /**
     * {@code minutes} of real time in emulated nanoseconds. Commands run in real time whatever the
     * emulator's time scale, so limits are kept in real minutes: 30 minutes under time scale 60 are
     * 30 emulated hours (a manual clock, scale 0, counts them as they are).
     */
    private long realMinutes(int minutes) {
        double factor = Math.max(1.0, services.clock().timeScale());
        return (long) (Duration.ofMinutes(minutes).toNanos() * factor);
    }

    /** Ends the phase in progress as the interruption says. */
    private void endInterrupted() {
        Interruption why = interruption.get() == null ? Interruption.SHUTDOWN : interruption.get();
        progress.phaseInProgress().ifPresent(phase -> endPhase(phase, phaseStatus(why), contexts(why)));
    }

    private static PhaseStatus phaseStatus(Interruption why) {
        return switch (why) {
            case STOPPED -> PhaseStatus.STOPPED;
            case TIMED_OUT -> PhaseStatus.TIMED_OUT;
            case SHUTDOWN -> PhaseStatus.FAILED;
        };
    }

    private static BuildStatus buildStatus(Interruption why) {
        return switch (why) {
            case STOPPED -> BuildStatus.STOPPED;
            case TIMED_OUT -> BuildStatus.TIMED_OUT;
            case SHUTDOWN -> BuildStatus.FAILED;
        };
    }

    private static List<PhaseContext> contexts(Interruption why) {
        return switch (why) {
            case STOPPED -> List.of(new PhaseContext("BUILD_STOPPED", "Build was stopped"));
            case TIMED_OUT -> List.of(new PhaseContext("BUILD_TIMED_OUT", "Build has timed out. "));
            case SHUTDOWN -> List.of(new PhaseContext("EMULATOR_STOPPED",
                    "The emulator stopped while the build was running"));
        };
    }

    private Optional<PhaseContext> failure(String code, String message) {
        return Optional.of(new PhaseContext(code, message));
    }

    private void startPhase(PhaseType phase) {
        host.changed(progress.startPhase(phase, now()));
    }

    private void endPhase(PhaseType phase, PhaseStatus status, List<PhaseContext> contexts) {
        host.changed(progress.endPhase(status, contexts, now()));
        container("Phase complete: " + phase + " State: " + status);
        PhaseContext context = contexts.isEmpty() ? new PhaseContext("", "") : contexts.get(0);
        container("Phase context status code: " + context.statusCode() + " Message: " + context.message());
    }

    /** A line of the emulator's own, in CodeBuild's {@code [Container]} style. */
    private void container(String message) {
        write("[Container] " + LOG_TIME.format(now()) + " " + message);
    }

    /** A line of the commands' output. */
    private void output(String line) {
        write(line);
    }

    private void write(String line) {
        log.append(line);
        host.logLine(progress.snapshot(), line);
    }

    private Instant now() {
        return services.clock().now();
    }

}
