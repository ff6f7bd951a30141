package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.EmulatorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.SourceType;

/** The emulator jar killed with SIGKILL mid-build: after a restart the build is FAILED, not IN_PROGRESS. */
class CodeBuildProcessIT {

    @TempDir
    Path stateDir;

    @TempDir
    Path temp;

    @Test
    void aBuildRunningWhenTheJarIsKilledIsFailedAfterARestart() throws Exception {
        Path go = temp.resolve("go");
        String id;
        // Its workspace in the test's directory: a killed emulator cannot remove it.
        List<String> workRoot = List.of("-Dstepsolver.codebuild.workRoot=" + temp.resolve("work"));
        try (EmulatorProcess first = EmulatorProcess.start(workRoot, List.of("--port", "0", "--state-dir",
                stateDir.toString()));
                CodeBuildClient codeBuild = CodeBuildFixtures.codeBuild(first.endpoint())) {
            codeBuild.createProject(CodeBuildFixtures.project("killed", "x/y").source(s -> s
                    .type(SourceType.NO_SOURCE).buildspec("version: 0.2\nphases:\n  build:\n    commands:\n"
                            + "      - while [ ! -f \"$GO\" ]; do sleep 0.05; done\n"))
                    .build());
            id = codeBuild.startBuild(r -> r.projectName("killed")
                    .environmentVariablesOverride(v -> v.name("GO").value(go.toString()))).build().id();
            await().atMost(CodeBuildFixtures.BUILD_LIMIT).until(() -> build(codeBuild, id).currentPhase(),
                    "BUILD"::equals);
            first.kill();
        } finally {
            // the killed emulator's build shell has no parent left to stop it: release it
            Files.writeString(go, "go");
        }

        try (EmulatorProcess second = EmulatorProcess.start(workRoot, List.of("--port", "0", "--state-dir",
                stateDir.toString()));
                CodeBuildClient codeBuild = CodeBuildFixtures.codeBuild(second.endpoint())) {
            Build build = build(codeBuild, id);

            assertThat(build.buildStatusAsString()).isEqualTo("FAILED");
            assertThat(build.currentPhase()).isEqualTo("COMPLETED");
        }
    }
}
