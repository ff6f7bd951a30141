package dev.stepsolver.e2e;

import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.codeconnections.ConnectionsBackend;
import dev.stepsolver.emulator.codepipeline.CodePipelineBackend;
import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import dev.stepsolver.emulator.codepipeline.PipelineListener;
import dev.stepsolver.emulator.ecr.EcrBackend;
import dev.stepsolver.emulator.time.ScaledClock;
import dev.stepsolver.pipeline.aws.AwsClients;
import dev.stepsolver.pipeline.aws.Sleeper;
import dev.stepsolver.pipeline.bootstrap.Bootstrapper;
import dev.stepsolver.pipeline.bootstrap.ImageBuilder;
import dev.stepsolver.pipeline.deploy.StackDeployer;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.Synthesis;
import dev.stepsolver.pipeline.synth.SynthTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole pipeline on one machine: the embedded emulator, the project's own template bootstrapped
 * on it (the same synthesized template and buildspecs that go to AWS), and a local git repository of
 * the current sources connected as the pipeline's GitHub source. Creating the pipeline starts its
 * first execution on the repository's head, as on AWS; every later commit is a push the pipeline
 * picks up by polling. The main job and the end-to-end scenarios both drive it.
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * @param sourceDir the project to copy into the local repository (a git work tree or a plain tree)
     * @param workDir where the repository (and the emulator's state, when kept) go; emptied first
     * @param imageTarball solver-lambda's Jib tarball, pushed as the bootstrap image
     * @param port the emulator's port (0 for a free one)
     * @param timeScale emulated seconds per real second: 60 makes a 10-minute canary last 10 s
     * @param keepState whether the emulator writes its state under the work directory
     * @param beforeBootstrap runs once the repository is committed, before the stack (and with it the
     *     pipeline and its first execution) exists: scenarios commit their change here
     * @param listeners follow the pipeline from before it exists, so they see its first execution whole
     */
    public record Settings(Path sourceDir, Path workDir, Path imageTarball, int port, double timeScale,
            boolean keepState, PrintStream out, BeforeBootstrap beforeBootstrap, List<PipelineListener> listeners) {

        public Settings {
            Objects.requireNonNull(sourceDir);
            Objects.requireNonNull(workDir);
            Objects.requireNonNull(imageTarball);
            Objects.requireNonNull(out);
            Objects.requireNonNull(beforeBootstrap);
            listeners = List.copyOf(listeners);
            if (!(timeScale > 0)) {
                throw new IllegalArgumentException("the time scale must be positive, got " + timeScale);
            }
        }

        public static Settings of(Path sourceDir, Path workDir, Path imageTarball) {
            return new Settings(sourceDir, workDir, imageTarball, 0, 60, false, System.out, repository -> { },
                    List.of());
        }

        public Settings withPort(int value) {
            return new Settings(sourceDir, workDir, imageTarball, value, timeScale, keepState, out, beforeBootstrap,
                    listeners);
        }

        public Settings withTimeScale(double value) {
            return new Settings(sourceDir, workDir, imageTarball, port, value, keepState, out, beforeBootstrap,
                    listeners);
        }

        public Settings withKeepState(boolean value) {
            return new Settings(sourceDir, workDir, imageTarball, port, timeScale, value, out, beforeBootstrap,
                    listeners);
        }

        public Settings withOut(PrintStream value) {
            return new Settings(sourceDir, workDir, imageTarball, port, timeScale, keepState, value, beforeBootstrap,
                    listeners);
        }

        public Settings withListener(PipelineListener listener) {
            List<PipelineListener> more = new ArrayList<>(listeners);
            more.add(listener);
            return new Settings(sourceDir, workDir, imageTarball, port, timeScale, keepState, out, beforeBootstrap,
                    more);
        }

        public Settings withBeforeBootstrap(BeforeBootstrap value) {
            return new Settings(sourceDir, workDir, imageTarball, port, timeScale, keepState, out, value,
                    listeners);
        }
    }

    /** A step between the repository's first commit and the bootstrap. */
    @FunctionalInterface
    public interface BeforeBootstrap {
        void accept(SourceRepository repository) throws IOException;
    }

    /** The bootstrap image's tag in the stack's repository. */
    static final String BOOTSTRAP_TAG = "bootstrap";
    /** The offline base image: the emulator's Lambda runtime supplies the JVM and the runtime client. */
    static final String OFFLINE_BASE_IMAGE = "scratch";

    private final Settings settings;
    private final DeploymentModel model;
    private final LocalEmulator emulator;
    private final SourceRepository repository;
    private final AwsClients aws;
    private Map<String, String> outputs = Map.of();

    private LocalPipeline(Settings settings, DeploymentModel model, LocalEmulator emulator,
            SourceRepository repository) {
        this.settings = settings;
        this.model = model;
        this.emulator = emulator;
        this.repository = repository;
        this.aws = new AwsClients(Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(), "AWS_REGION",
                emulator.context().config().region(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
    }

    /** Starts the emulator, makes and connects the repository, and bootstraps the stack. */
    public static LocalPipeline start(Settings settings) throws Exception {
        DeploymentModel model = DeploymentModel.defaults();
        SourceRepository.deleteTree(settings.workDir());
        Files.createDirectories(settings.workDir());
        SourceRepository repository = SourceRepository.copyOf(settings.sourceDir(),
                settings.workDir().resolve("repository"), model.source().branch());
        LocalEmulator.Builder builder = LocalEmulator.builder().port(settings.port())
                .clock(new ScaledClock(settings.timeScale()))
                .repository(model.source().fullRepositoryId(), repository.directory().toString());
        if (settings.keepState()) {
            builder.stateDirectory(settings.workDir().resolve("state"));
        }
        LocalEmulator emulator = builder.build().start();
        LocalPipeline pipeline = new LocalPipeline(settings, model, emulator, repository);
        try {
            settings.listeners().forEach(pipeline::follow);
            settings.beforeBootstrap().accept(repository);
            pipeline.bootstrap();
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private void bootstrap() throws Exception {
        String template = Synthesis.of(model, SynthTarget.of(SynthTarget.DEFAULT_ACCOUNT,
                emulator.context().config().region(), model.source().connectionName())).templateJson();
        EcrBackend registry = emulator.context().backend(EcrBackend.class);
        ImageBuilder image = (imageUri, baseImage) -> {
            String repositoryAndTag = imageUri.substring(imageUri.indexOf('/') + 1);
            int colon = repositoryAndTag.lastIndexOf(':');
            try {
                ImageTarball.load(registry, settings.imageTarball(), repositoryAndTag.substring(0, colon),
                        repositoryAndTag.substring(colon + 1));
            } catch (IOException e) {
                throw new ImageBuilder.ImageBuildException(e.getMessage());
            }
        };
        PrintWriter out = new PrintWriter(settings.out(), true, StandardCharsets.UTF_8);
        try (var cloudFormation = aws.cloudFormation(); var apiGateway = aws.apiGateway(); var ssm = aws.ssm()) {
            Bootstrapper bootstrapper = new Bootstrapper(
                    new StackDeployer(cloudFormation, Sleeper.REAL, Duration.ofMillis(200), Duration.ofMinutes(10), out),
                    image, repositoryUri -> { }, apiGateway, ssm, out);
            outputs = Map.copyOf(bootstrapper.run(model, template, Optional.empty(), BOOTSTRAP_TAG,
                    OFFLINE_BASE_IMAGE).stack().outputs());
        }
    }

    public LocalEmulator emulator() {
        return emulator;
    }

    public SourceRepository repository() {
        return repository;
    }

    public DeploymentModel model() {
        return model;
    }

    /** The stack's outputs after the bootstrap. */
    public Map<String, String> outputs() {
        return outputs;
    }

    public String pipelineName() {
        return output("PipelineName");
    }

    public String functionName() {
        return output("FunctionName");
    }

    /** A stage's URL on the emulator (the execute-api path form LocalStack users know). */
    public URI stageUrl(String stage) {
        return URI.create(emulator.endpoint() + "/_aws/execute-api/" + output("RestApiId") + "/" + stage + "/");
    }

    /** The API key, from its SSM SecureString, as the integration suite reads it. */
    public String apiKey() {
        try (var ssm = aws.ssm()) {
            return ssm.getParameter(r -> r.name(output("ApiKeyParameterName")).withDecryption(true)).parameter()
                    .value();
        }
    }

    /** Clients for the emulator, as any SDK user would make them. */
    public AwsClients aws() {
        return aws;
    }

    public CodePipelineBackend codePipeline() {
        return emulator.context().backend(CodePipelineBackend.class);
    }

    /** Follows every pipeline event from now on. */
    public CodePipelineBackend.Registration follow(PipelineListener listener) {
        return codePipeline().addListener(listener);
    }

    /** The executions of the pipeline, newest first. */
    public List<ExecutionRecord> executions() {
        return codePipeline().executions(pipelineName());
    }

    /**
     * Waits for the execution that builds {@code commit} to start (the poller picks a push up on the
     * emulator clock) and returns it.
     */
    public ExecutionRecord awaitExecutionOf(String commit, Duration timeout) throws InterruptedException,
            TimeoutException {
        Object signal = new Object();
        try (CodePipelineBackend.Registration ignored = follow(event -> {
            synchronized (signal) {
                signal.notifyAll();
            }
        })) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Optional<ExecutionRecord> found = executions().stream().filter(e -> builds(e, commit)).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no execution of " + pipelineName() + " for commit " + commit
                            + " within " + timeout);
                }
                synchronized (signal) {
                    // woken by any pipeline event; the bound keeps a missed wake-up from costing more than a second
                    signal.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
                }
            }
        }
    }

    /** Waits for an execution to end and returns its final record. */
    public ExecutionRecord awaitEnd(ExecutionRecord execution, Duration timeout) throws InterruptedException,
            TimeoutException {
        try {
            return codePipeline().completion(execution.pipelineName(), execution.id())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("following execution " + execution.id() + " failed", e.getCause());
        }
    }

    static boolean builds(ExecutionRecord execution, String commit) {
        return execution.pinnedRevisions().containsValue(commit)
                || execution.sourceRevisions().stream().anyMatch(r -> commit.equals(r.revisionId()));
    }

    private String output(String name) {
        String value = outputs.get(name);
        if (value == null) {
            throw new IllegalStateException("the stack has no output " + name + " (was the bootstrap run?)");
        }
        return value;
    }

    @Override
    public void close() {
        try {
            emulator.close();
        } finally {
            repository.close();
        }
    }
}
