package dev.stepsolver.emulator.codebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.codebuild.Buildspec.OnFailure;
import dev.stepsolver.emulator.codebuild.Buildspec.ReportFormat;
import dev.stepsolver.emulator.codebuild.BuildspecParser.InvalidBuildspecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildspecParserTest {

    @Test
    void theRepositorysBuildStageBuildspecIsUnderstood() throws Exception {
        Buildspec spec = BuildspecParser.parse(repositoryFile("buildspec.yml"));

        assertThat(spec.shell()).isEqualTo(Buildspec.Shell.BASH);
        assertThat(spec.exportedVariables()).containsExactly("IMAGE_URI", "TARGET_VERSION", "PROD_API_DEPLOYMENT_ID",
                "BASE_IMAGE");
        assertThat(spec.phases()).containsOnlyKeys(PhaseType.INSTALL, PhaseType.PRE_BUILD, PhaseType.BUILD);
        assertThat(spec.phase(PhaseType.INSTALL).orElseThrow().runtimeVersions()).containsEntry("java", "corretto21");
        assertThat(spec.reports()).containsOnlyKeys("unit-tests", "coverage");
        assertThat(spec.reports().get("coverage").format()).isEqualTo(ReportFormat.JACOCOXML);
        assertThat(spec.artifacts().orElseThrow().baseDirectory()).contains("build-output/pipeline");
        assertThat(spec.secondaryArtifacts()).containsOnlyKeys("BuildOutput", "BetaAppSpec");
    }

    @Test
    void theRepositorysIntegrationBuildspecIsUnderstood() throws Exception {
        Buildspec spec = BuildspecParser.parse(repositoryFile("buildspec-integration.yml"));

        assertThat(spec.variables()).containsEntry("PIPELINE_JAR", "pipeline-definition-0.1.0-SNAPSHOT.jar");
        assertThat(spec.reports().get("integration-tests").files()).containsExactly("reports/integration-tests.xml");
        assertThat(spec.artifacts().orElseThrow().files()).containsExactly("appspec.yaml");
    }

    /** The real files at the repository root, so this test follows them as they change. */
    private static String repositoryFile(String name) throws IOException {
        return Files.readString(Path.of("..", name));
    }

    @Test
    void onFailureDefaultsToAbortAndAcceptsContinue() throws Exception {
        Buildspec spec = BuildspecParser.parse("""
                version: 0.2
                phases:
                  pre_build:
                    commands: [echo a]
                  build:
                    on-failure: CONTINUE
                    commands: [echo b]
                    finally: [echo c]
                """);

        assertThat(spec.phase(PhaseType.PRE_BUILD).orElseThrow().onFailure()).isEqualTo(OnFailure.ABORT);
        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().onFailure()).isEqualTo(OnFailure.CONTINUE);
        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().finallyCommands()).containsExactly("echo c");
    }

    @Test
    void aMultiLineCommandStaysOneCommand() throws Exception {
        Buildspec spec = BuildspecParser.parse("""
                version: 0.2
                phases:
                  build:
                    commands:
                      - |
                        if true; then
                          echo yes
                        fi
                """);

        assertThat(spec.phase(PhaseType.BUILD).orElseThrow().commands()).containsExactly(
                "if true; then\n  echo yes\nfi\n");
    }

    @Test
    void discardPathsAcceptsYesAndNo() throws Exception {
        Buildspec spec = BuildspecParser.parse("""
                version: 0.2
                artifacts:
                  files: ["**/*"]
                  discard-paths: yes
                  secondary-artifacts:
                    Other:
                      files: [a]
                      discard-paths: no
                """);

        assertThat(spec.artifacts().orElseThrow().discardPaths()).isTrue();
        assertThat(spec.secondaryArtifacts().get("Other").discardPaths()).isFalse();
    }

    @Test
    void aMissingVersionIsRefused() {
        assertThatThrownBy(() -> BuildspecParser.parse("phases:\n  build:\n    commands: [echo]\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessageStartingWith("Missing required key 'version'");
    }

    @Test
    void anEmptyBuildspecIsRefused() {
        assertThatThrownBy(() -> BuildspecParser.parse("  \n")).isInstanceOf(InvalidBuildspecException.class)
                .hasMessage("YAML file is empty");
    }

    @Test
    void aBuildspecThatIsAListIsRefused() {
        assertThatThrownBy(() -> BuildspecParser.parse("- version: 0.2\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessageStartingWith("Expected the buildspec to be a"
                        + " mapping");
    }

    @Test
    void aDuplicateKeyIsRefusedWithItsLine() {
        assertThatThrownBy(() -> BuildspecParser.parse("version: 0.2\nphases:\n  build:\n    commands: [a]\n"
                + "  build:\n    commands: [b]\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessage("Duplicate key 'build' in phases at line 5");
    }

    @Test
    void anUnknownKeyInAPhaseIsRefusedWithItsLine() {
        assertThatThrownBy(() -> BuildspecParser.parse("version: 0.2\nphases:\n  build:\n    command: [a]\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessage("Unknown key 'command' in phase build at"
                        + " line 4");
    }

    @Test
    void anOnFailureModeOtherThanAbortOrContinueIsRefused() {
        assertThatThrownBy(() -> BuildspecParser.parse("version: 0.2\nphases:\n  build:\n    on-failure: RETRY\n"
                + "    commands: [a]\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessageContaining("on-failure");
    }

    @Test
    void anExportedVariableMustBeAShellName() {
        assertThatThrownBy(() -> BuildspecParser.parse("version: 0.2\nenv:\n  exported-variables: [not-a-name]\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessageStartingWith("Invalid environment variable"
                        + " name 'not-a-name'");
    }

    @Test
    void anUnsupportedShellIsRefused() {
        assertThatThrownBy(() -> BuildspecParser.parse("version: 0.2\nenv:\n  shell: powershell.exe\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessageStartingWith("Unsupported shell");
    }

    @Test
    void aReportWithAnUnknownFormatIsRefused() {
        assertThatThrownBy(() -> BuildspecParser.parse("version: 0.2\nreports:\n  r:\n    files: [a]\n"
                + "    file-format: XUNIT\n"))
                .isInstanceOf(InvalidBuildspecException.class).hasMessage("Invalid file-format 'XUNIT' for report r at"
                        + " line 5");
    }

    @Test
    void aliasBombsAreBounded() {
        StringBuilder yaml = new StringBuilder("version: 0.2\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }

        assertThatThrownBy(() -> BuildspecParser.parse(yaml.toString())).isInstanceOf(InvalidBuildspecException.class);
    }

    @Test
    void keysAcceptedButNotActedOnAreNoted() throws Exception {
        Buildspec spec = BuildspecParser.parse("version: 0.2\nrun-as: builder\ncache:\n  paths: [x]\n");

        assertThat(spec.notes()).containsExactly("run-as is ignored", "cache is ignored");
    }
}
