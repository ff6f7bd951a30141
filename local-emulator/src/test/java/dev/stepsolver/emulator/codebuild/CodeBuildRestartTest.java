package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.LocalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.SourceType;

/** Projects, builds, reports and logs survive a restart; a build cut short by it is never left IN_PROGRESS. */
class CodeBuildRestartTest {

    @TempDir
    Path stateDir;

    @TempDir
    Path temp;

    private LocalEmulator start() {
        return LocalEmulator.builder().port(0).stateDirectory(stateDir).build().start();
    }

    @Test
    void aBuildRunningWhenTheEmulatorStopsIsFailedAfterTheRestartAndItsLogKept() throws Exception {
        Path go = temp.resolve("go");
        String runningId;
        String doneId;
        try (LocalEmulator emulator = start(); CodeBuildClient codeBuild = CodeBuildFixtures.codeBuild(
                emulator.endpoint())) {
            codeBuild.createProject(CodeBuildFixtures.project("restarted", "x/y").source(s -> s
                    .type(SourceType.NO_SOURCE).buildspec("version: 0.2\nphases:\n  build:\n    commands:\n"
                            + "      - echo MARKER running\n      - while [ ! -e \"$GO\" ]; do sleep 0.05; done\n"))
                    .build());
            doneId = codeBuild.startBuild(r -> r.projectName("restarted")
                    .environmentVariablesOverride(v -> v.name("GO").value(temp.toString()))).build().id();
            awaitComplete(codeBuild, doneId);
            runningId = codeBuild.startBuild(r -> r.projectName("restarted")
                    .environmentVariablesOverride(v -> v.name("GO").value(go.toString()))).build().id();
            await().atMost(CodeBuildFixtures.BUILD_LIMIT).until(() -> emulator.context()
                    .backend(CodeBuildBackend.class).logText(runningId).contains("MARKER running"));
        } finally {
            Files.writeString(go, "go");
        }

        try (LocalEmulator emulator = start(); CodeBuildClient codeBuild = CodeBuildFixtures.codeBuild(
                emulator.endpoint())) {
            Build interrupted = build(codeBuild, runningId);
            Build completed = build(codeBuild, doneId);

            assertThat(interrupted.buildStatusAsString()).isEqualTo("FAILED");
            assertThat(interrupted.buildComplete()).isTrue();
            assertThat(interrupted.phases()).filteredOn(p -> p.phaseTypeAsString().equals("BUILD")).singleElement()
                    .satisfies(p -> assertThat(p.contexts().get(0).message())
                            .isEqualTo("The emulator stopped while the build was running"));
            assertThat(completed.buildStatusAsString()).isEqualTo("SUCCEEDED");
            assertThat(completed.phases()).extracting(BuildPhase::phaseTypeAsString).last().isEqualTo("COMPLETED");
            assertThat(codeBuild.listBuildsForProject(r -> r.projectName("restarted")).ids())
                    .containsExactly(runningId, doneId);
            assertThat(emulator.context().backend(CodeBuildBackend.class).logText(runningId))
                    .contains("MARKER running");
            assertThat(codeBuild.startBuild(r -> r.projectName("restarted")
                    .environmentVariablesOverride(v -> v.name("GO").value(temp.toString()))).build().buildNumber())
                    .isEqualTo(3);
        }
    }
}
