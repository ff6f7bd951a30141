package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.SourceType;

/** Builds as processes: timeouts and stops end the whole process tree; the log can be read while they run. */
class BuildProcessesTest {

    /** A command whose child outlives it unless the whole tree is killed. */
    private static final String SPAWNS_A_CHILD = "version: 0.2\nphases:\n  build:\n    commands:\n"
            + "      - bash -c 'sleep 1000 & echo \"CHILD_PID=$!\"; echo \"PARENT_PID=$$\"; wait'\n"
            + "      - echo never\n";
    private static final Pattern PID = Pattern.compile("(CHILD|PARENT)_PID=(\\d+)");

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
    private static LocalEmulator emulator;
    private static CodeBuildClient codeBuild;
    private static HttpClient http;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).clock(CLOCK).build().start();
        codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
        http = HttpClient.newHttpClient();
        codeBuild.createProject(CodeBuildFixtures.project("processes", "unused/unused.zip")
                .source(s -> s.type(SourceType.NO_SOURCE).buildspec(SPAWNS_A_CHILD)).build());
    }

    @AfterAll
    static void stop() {
        http.close();
        codeBuild.close();
        emulator.close();
    }

    private static String readLog(String deepLink) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(deepLink)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Waits for the command to print both pids and returns them. */
    private static List<Long> awaitPids(String id) {
        String deepLink = build(codeBuild, id).logs().deepLink();
        String log = await().atMost(CodeBuildFixtures.BUILD_LIMIT).until(() -> readLog(deepLink),
                // the command line in the log names both variables too: wait for their values
                text -> PID.matcher(text).results().count() == 2);
        Matcher matcher = PID.matcher(log);
        List<Long> pids = new java.util.ArrayList<>();
        while (matcher.find()) {
            pids.add(Long.parseLong(matcher.group(2)));
        }
        return pids;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static BuildPhase phase(Build build, String type) {
        return build.phases().stream().filter(p -> p.phaseTypeAsString().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aBuildThatOutlivesItsTimeoutIsTimedOutAndItsWholeProcessTreeKilled() {
        String id = codeBuild.startBuild(r -> r.projectName("processes").timeoutInMinutesOverride(5)).build().id();
        List<Long> pids = awaitPids(id);
        assertThat(pids).hasSize(2).allMatch(BuildProcessesTest::alive);

        CLOCK.advance(Duration.ofMinutes(5));

        Build build = awaitComplete(codeBuild, id);
        assertThat(build.buildStatusAsString()).isEqualTo("TIMED_OUT");
        assertThat(phase(build, "BUILD").phaseStatusAsString()).isEqualTo("TIMED_OUT");
        assertThat(phase(build, "BUILD").contexts().get(0).statusCode()).isEqualTo("BUILD_TIMED_OUT");
        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(BuildProcessesTest::alive));
    }

    @Test
    void aBuildIsNotTimedOutBeforeItsTimeout() {
        Path go = temp.resolve("go");
        String id = codeBuild.startBuild(r -> r.projectName("processes").timeoutInMinutesOverride(10)
                .environmentVariablesOverride(v -> v.name("GO").value(go.toString()))
                .buildspecOverride("version: 0.2\nphases:\n  build:\n    commands:\n      - echo waiting\n"
                        + "      - while [ ! -f \"$GO\" ]; do sleep 0.05; done\n")).build().id();
        await().atMost(CodeBuildFixtures.BUILD_LIMIT).until(() -> emulator.context().backend(CodeBuildBackend.class)
                .logText(id).contains("waiting"));

        CLOCK.advance(Duration.ofMinutes(9));
        touch(go);

        assertThat(awaitComplete(codeBuild, id).buildStatusAsString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void stopBuildEndsTheBuildStoppedAndKillsItsWholeProcessTree() {
        String id = codeBuild.startBuild(r -> r.projectName("processes")).build().id();
        List<Long> pids = awaitPids(id);

        Build stopped = codeBuild.stopBuild(r -> r.id(id)).build();

        assertThat(stopped.buildStatusAsString()).isEqualTo("STOPPED");
        assertThat(phase(stopped, "BUILD").phaseStatusAsString()).isEqualTo("STOPPED");
        assertThat(stopped.phases()).extracting(BuildPhase::phaseTypeAsString)
                .doesNotContain("POST_BUILD", "UPLOAD_ARTIFACTS").endsWith("FINALIZING", "COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(BuildProcessesTest::alive));
    }

    @Test
    void theLogCanBeFollowedWhileTheBuildRuns() throws Exception {
        Path go = temp.resolve("release");
        String id = codeBuild.startBuild(r -> r.projectName("processes")
                .environmentVariablesOverride(v -> v.name("GO").value(go.toString()))
                .buildspecOverride("version: 0.2\nphases:\n  build:\n    commands:\n      - echo MARKER waiting\n"
                        + "      - while [ ! -f \"$GO\" ]; do sleep 0.05; done\n      - echo released\n"))
                .build().id();
        String deepLink = build(codeBuild, id).logs().deepLink();

        HttpResponse<String> first = await().atMost(CodeBuildFixtures.BUILD_LIMIT).until(() -> http.send(
                HttpRequest.newBuilder(URI.create(deepLink)).build(), HttpResponse.BodyHandlers.ofString()),
                response -> response.body().contains("MARKER waiting"));
        Build running = build(codeBuild, id);
        long next = Long.parseLong(first.headers().firstValue("X-Log-Next-Offset").orElseThrow());
        touch(go);
        awaitComplete(codeBuild, id);
        String rest = readLog(deepLink + "?offset=" + next);

        assertThat(running.buildStatusAsString()).isEqualTo("IN_PROGRESS");
        assertThat(running.currentPhase()).isEqualTo("BUILD");
        assertThat(first.headers().firstValue("X-Build-Complete")).contains("false");
        assertThat(rest).contains("released").doesNotContain("MARKER waiting");
    }

    @Test
    void stoppingACompletedBuildReturnsItUnchanged() {
        String id = codeBuild.startBuild(r -> r.projectName("processes")
                .buildspecOverride("version: 0.2\nphases:\n  build:\n    commands:\n      - echo done\n")).build().id();
        awaitComplete(codeBuild, id);

        assertThat(codeBuild.stopBuild(r -> r.id(id)).build().buildStatusAsString()).isEqualTo("SUCCEEDED");
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "go");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
