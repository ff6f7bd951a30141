package dev.stepsolver.emulator.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.s3.S3Backend;
import dev.stepsolver.emulator.state.BlobStore;
import dev.stepsolver.emulator.state.FileStateStore;
import dev.stepsolver.emulator.state.StateStore;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codebuild.model.Project;

/**
 * The backend's in-process API, as CodePipeline's engine uses it: sources from local directories,
 * artifacts to exact S3 keys, completion futures, listeners; the build queue; restarts.
 */
class CodeBuildBackendTest {

    private static final EmulatorAccess ACCESS = new EmulatorAccess("us-east-1", "000000000000", "test", "test",
            () -> Optional.of(URI.create("http://127.0.0.1:1")));
    private static final String WAITS_FOR_GO = "version: 0.2\nphases:\n  build:\n    commands:\n"
            + "      - echo running\n      - while [ ! -f \"$GO\" ]; do sleep 0.05; done\n";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final List<CodeBuildBackend> backends = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeBackends() throws IOException {
        Files.writeString(temp.resolve("go"), "go");
        backends.forEach(CodeBuildBackend::close);
    }

    private CodeBuildBackend backend(StateStore state, S3Backend s3, CodeBuildSettings settings) {
        CodeBuildBackend backend = new CodeBuildBackend(clock, state, s3, Optional.empty(), ACCESS,
                settings.withWorkRoot(temp.resolve("work")));
        backends.add(backend);
        return backend;
    }

    private static Project project(String name, String buildspec) {
        return Project.builder().name(name)
                .source(s -> s.type("CODEPIPELINE").buildspec(buildspec))
                .artifacts(a -> a.type("CODEPIPELINE"))
                .environment(e -> e.type("LINUX_CONTAINER").image("aws/codebuild/standard:7.0")
                        .computeType("BUILD_GENERAL1_SMALL"))
                .serviceRole("arn:aws:iam::000000000000:role/build").build();
    }

    private Path directory(String name, Map<String, String> files) throws IOException {
        Path dir = temp.resolve(name);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return dir;
    }

    private BuildRequest waitingBuild(String project) {
        return BuildRequest.forProject(project).primarySource(new SourceInput.None())
                .environmentVariable("GO", temp.resolve("go").toString()).build();
    }

    @Test
    void aPipelineBuildTakesLocalSourcesAndPutsItsArtifactsAtTheKeysItIsGiven() throws Exception {
        StateStore state = StateStore.inMemory();
        S3Backend s3 = new S3Backend(clock, state);
        s3.createBucket("pipeline-store", "us-east-1");
        CodeBuildBackend backend = backend(state, s3, CodeBuildSettings.defaults());
        backend.createProject(project("app-build", "buildspec.yml"));
        Path source = directory("source", Map.of("buildspec.yml", """
                version: 0.2
                env:
                  exported-variables: [IMAGE_TAG, TESTS]
                phases:
                  build:
                    commands:
                      - IMAGE_TAG="$COMMIT_ID-$CODEBUILD_RESOLVED_SOURCE_VERSION"
                      - TESTS=$(cat "$CODEBUILD_SRC_DIR_Tests/cases.txt")
                      - mkdir -p out/beta && echo app > out/app.txt && echo spec > out/beta/appspec.yaml
                artifacts:
                  base-directory: out
                  files: ["*.txt"]
                  secondary-artifacts:
                    BetaAppSpec:
                      base-directory: out/beta
                      files: [appspec.yaml]
                """));
        Path tests = directory("tests", Map.of("cases.txt", "12 cases"));

        Build started = backend.startBuild(BuildRequest.forProject("app-build")
                .primarySource(SourceInput.directory(source)).secondarySource("Tests", SourceInput.directory(tests))
                .environmentVariable("COMMIT_ID", "abc123").resolvedSourceVersion("abc123")
                .artifacts(ArtifactTarget.zip("pipeline-store", "app/BuildOutput/x1.zip"))
                .secondaryArtifact("BetaAppSpec", ArtifactTarget.zip("pipeline-store", "app/BetaAppSpec/x2.zip"))
                .initiator("codepipeline/app-pipeline").build());
        Build done = backend.completion(started.id()).get(60, TimeUnit.SECONDS);

        assertThat(done.status()).as(() -> backend.logText(started.id())).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(done.source().type()).isEqualTo("CODEPIPELINE");
        assertThat(done.initiator()).isEqualTo("codepipeline/app-pipeline");
        assertThat(done.exportedVariables()).containsEntry("IMAGE_TAG", "abc123-abc123")
                .containsEntry("TESTS", "12 cases");
        assertThat(done.primaryArtifact()).map(a -> a.bucket() + "/" + a.key())
                .contains("pipeline-store/app/BuildOutput/x1.zip");
        assertThat(done.secondaryArtifact("BetaAppSpec")).map(ArtifactResult::key).contains("app/BetaAppSpec/x2.zip");
        assertThat(CodeBuildFixtures.unzip(bytes(s3, "pipeline-store", "app/BetaAppSpec/x2.zip")))
                .containsExactly(Map.entry("appspec.yaml", "spec\n"));
    }

    @Test
    void listenersFollowEveryLineAndTheCompletion() throws Exception {
        CodeBuildBackend backend = backend(StateStore.inMemory(), new S3Backend(clock, StateStore.inMemory()),
                CodeBuildSettings.defaults());
        backend.createProject(project("followed", "version: 0.2\nphases:\n  build:\n    commands:\n"
                + "      - echo one\n      - echo two\n"));
        List<String> lines = new CopyOnWriteArrayList<>();
        List<BuildStatus> completed = new CopyOnWriteArrayList<>();
        try (CodeBuildBackend.Registration registration = backend.addListener(new BuildListener() {
            @Override
            public void logLine(Build build, String line) {
                lines.add(line);
            }

            @Override
            public void completed(Build build) {
                completed.add(build.status());
            }
        })) {
            Build started = backend.startBuild(BuildRequest.forProject("followed")
                    .primarySource(new SourceInput.None()).build());
            backend.completion(started.id()).get(60, TimeUnit.SECONDS);
        }

        assertThat(lines).containsSubsequence("one", "two");
        assertThat(completed).containsExactly(BuildStatus.SUCCEEDED);
    }

    @Test
    void theConsoleEchoPrefixesEachLineWithItsBuild() throws Exception {
        CodeBuildBackend backend = backend(StateStore.inMemory(), new S3Backend(clock, StateStore.inMemory()),
                CodeBuildSettings.defaults());
        backend.createProject(project("console", "version: 0.2\nphases:\n  build:\n    commands:\n"
                + "      - echo hello\n"));
        java.io.StringWriter console = new java.io.StringWriter();
        Build done;
        try (CodeBuildBackend.Registration registration = backend.addListener(
                new ConsoleBuildOutput(new java.io.PrintWriter(console)))) {
            Build started = backend.startBuild(BuildRequest.forProject("console")
                    .primarySource(new SourceInput.None()).build());
            done = backend.completion(started.id()).get(60, TimeUnit.SECONDS);
        }

        assertThat(console.toString()).contains("[console:1] hello\n")
                .contains("[console:1] build " + done.id() + " SUCCEEDED");
    }

    @Test
    void buildsBeyondTheConcurrencyLimitWaitQueuedAndBeyondTheQueueAreRefused() throws Exception {
        CodeBuildBackend backend = backend(StateStore.inMemory(), new S3Backend(clock, StateStore.inMemory()),
                new CodeBuildSettings(1, 1, Optional.empty(), false));
        backend.createProject(project("queued", WAITS_FOR_GO));
        Build first = backend.startBuild(waitingBuild("queued"));
        await().until(() -> backend.logText(first.id()).contains("running"));

        Build second = backend.startBuild(waitingBuild("queued"));

        assertThat(backend.build(second.id()).orElseThrow().currentPhase()).isEqualTo(PhaseType.QUEUED);
        assertThatThrownBy(() -> backend.startBuild(waitingBuild("queued")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccountLimitExceededException");
                    assertThat(e.getMessage()).isEqualTo("Cannot have more than 1 builds in queue for the account");
                });
        Files.writeString(temp.resolve("go"), "go");
        assertThat(backend.completion(second.id()).get(60, TimeUnit.SECONDS).status())
                .isEqualTo(BuildStatus.SUCCEEDED);
    }

    @Test
    void aQueuedBuildThatIsStoppedNeverRuns() throws Exception {
        CodeBuildBackend backend = backend(StateStore.inMemory(), new S3Backend(clock, StateStore.inMemory()),
                new CodeBuildSettings(1, 5, Optional.empty(), false));
        backend.createProject(project("stopped-queued", WAITS_FOR_GO));
        Build first = backend.startBuild(waitingBuild("stopped-queued"));
        Build second = backend.startBuild(waitingBuild("stopped-queued"));

        Build stopped = backend.stopBuild(second.id());

        assertThat(stopped.status()).isEqualTo(BuildStatus.STOPPED);
        assertThat(stopped.phase(PhaseType.QUEUED).flatMap(Phase::statusIfEnded)).contains(PhaseStatus.STOPPED);
        assertThat(stopped.phase(PhaseType.PROVISIONING)).isEmpty();
        Files.writeString(temp.resolve("go"), "go");
        backend.completion(first.id()).get(60, TimeUnit.SECONDS);
        assertThat(backend.logText(second.id())).isEmpty();
    }

    @Test
    void aBuildQueuedLongerThanItsQueuedTimeoutTimesOutWithoutRunning() throws Exception {
        CodeBuildBackend backend = backend(StateStore.inMemory(), new S3Backend(clock, StateStore.inMemory()),
                new CodeBuildSettings(1, 5, Optional.empty(), false));
        backend.createProject(project("queue-timeout", WAITS_FOR_GO).toBuilder().queuedTimeoutInMinutes(5).build());
        Build first = backend.startBuild(waitingBuild("queue-timeout"));
        await().until(() -> backend.logText(first.id()).contains("running"));
        Build second = backend.startBuild(waitingBuild("queue-timeout"));

        clock.advance(java.time.Duration.ofMinutes(5));

        Build timedOut = backend.completion(second.id()).get(60, TimeUnit.SECONDS);
        assertThat(timedOut.status()).isEqualTo(BuildStatus.TIMED_OUT);
        assertThat(timedOut.phase(PhaseType.QUEUED).flatMap(Phase::statusIfEnded)).contains(PhaseStatus.TIMED_OUT);
        assertThat(backend.build(first.id()).orElseThrow().status()).isEqualTo(BuildStatus.IN_PROGRESS);
    }

    @Test
    void aBuildThatWasRunningWhenTheEmulatorDiedIsFailedWhenItStartsAgain() throws Exception {
        StateStore state = FileStateStore.open(temp.resolve("state"));
        S3Backend s3 = new S3Backend(clock, state);
        CodeBuildBackend before = backend(state, s3, CodeBuildSettings.defaults());
        before.createProject(project("interrupted", WAITS_FOR_GO));
        Build running = before.startBuild(waitingBuild("interrupted"));
        await().until(() -> before.logText(running.id()).contains("running"));

        // A second backend on the same state is what a restart after kill -9 sees: the first never closed.
        StateStore reopened = FileStateStore.open(temp.resolve("state"));
        CodeBuildBackend after = backend(reopened, new S3Backend(clock, reopened), CodeBuildSettings.defaults());
        Build found = after.build(running.id()).orElseThrow();

        assertThat(found.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(found.currentPhase()).isEqualTo(PhaseType.COMPLETED);
        assertThat(found.phase(PhaseType.BUILD)).hasValueSatisfying(phase -> {
            assertThat(phase.status()).isEqualTo(PhaseStatus.FAILED);
            assertThat(phase.contexts()).extracting(PhaseContext::statusCode).containsExactly("EMULATOR_STOPPED");
        });
        assertThat(after.completion(running.id())).isCompletedWithValue(found);
    }

    @Test
    void closingTheBackendEndsRunningBuildsFailed() throws Exception {
        CodeBuildBackend backend = backend(StateStore.inMemory(), new S3Backend(clock, StateStore.inMemory()),
                CodeBuildSettings.defaults());
        backend.createProject(project("shut-down", WAITS_FOR_GO));
        Build running = backend.startBuild(waitingBuild("shut-down"));
        await().until(() -> backend.logText(running.id()).contains("running"));

        backend.close();

        Build closed = backend.build(running.id()).orElseThrow();
        assertThat(closed.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(closed.phase(PhaseType.BUILD).orElseThrow().contexts()).extracting(PhaseContext::statusCode)
                .containsExactly("EMULATOR_STOPPED");
    }

    @Test
    void anUnknownBuildIdIsResourceNotFoundAndAMalformedOneInvalidInput() {
        CodeBuildBackend backend = backend(StateStore.inMemory(), new S3Backend(clock, StateStore.inMemory()),
                CodeBuildSettings.defaults());

        assertThatThrownBy(() -> backend.completion("p:nope")).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("ResourceNotFoundException"));
        assertThatThrownBy(() -> backend.stopBuild("no-colon")).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Invalid build ID provided"));
    }

    private static byte[] bytes(S3Backend s3, String bucket, String key) throws IOException {
        return switch (s3.getObject(bucket, key).body()) {
            case BlobStore.Blob.InMemory memory -> memory.bytes();
            case BlobStore.Blob.OnDisk disk -> Files.readAllBytes(disk.file());
        };
    }
}
