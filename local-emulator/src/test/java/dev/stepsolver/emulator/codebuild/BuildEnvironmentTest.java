package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.putSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.ExportedEnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** What a build's commands see: variables in AWS's precedence, CodeBuild's own, the emulator's, sources. */
class BuildEnvironmentTest {

    private static final String BUILDSPEC = """
            version: 0.2
            env:
              variables:
                FROM_BUILDSPEC: buildspec
                PROJECT_WINS: buildspec
                OVERRIDE_WINS: buildspec
              exported-variables:
                - FROM_BUILDSPEC
                - PROJECT_WINS
                - OVERRIDE_WINS
                - FROM_PARAMETER
                - BUILD_ID
                - BUILD_ARN
                - BUILD_NUMBER
                - SOURCE_VERSION
                - INITIATOR
                - START_TIME
                - PROJECT
                - MAIN_FILE
                - LIB_FILE
                - ENDPOINT
                - REGION
                - ACCESS_KEY
                - HOME_SEEN
                - PATH_SEEN
                - PWD_IS_SRC
                - DOCKER_CONFIG_SEEN
            phases:
              build:
                commands:
                  - BUILD_ID=$CODEBUILD_BUILD_ID; BUILD_ARN=$CODEBUILD_BUILD_ARN; BUILD_NUMBER=$CODEBUILD_BUILD_NUMBER
                  - SOURCE_VERSION=$CODEBUILD_SOURCE_VERSION; INITIATOR=$CODEBUILD_INITIATOR
                  - START_TIME=$CODEBUILD_START_TIME; PROJECT=$CODEBUILD_PROJECT
                  - MAIN_FILE=$(cat "$CODEBUILD_SRC_DIR/main.txt"); LIB_FILE=$(cat "$CODEBUILD_SRC_DIR_lib/version.txt")
                  - ENDPOINT=$AWS_ENDPOINT_URL; REGION=$AWS_REGION/$AWS_DEFAULT_REGION; ACCESS_KEY=$AWS_ACCESS_KEY_ID
                  - HOME_SEEN=$HOME; PATH_SEEN=$PATH; DOCKER_CONFIG_SEEN=$DOCKER_CONFIG
                  - '[ "$PWD" = "$CODEBUILD_SRC_DIR" ] && PWD_IS_SRC=yes'
            """;

    private static LocalEmulator emulator;
    private static Build build;
    private static Map<String, String> seen;

    @BeforeAll
    static void runTheBuild() {
        emulator = LocalEmulator.builder().port(0).build().start();
        try (CodeBuildClient codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
                S3Client s3 = Clients.s3(emulator.endpoint());
                SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            ssm.putParameter(r -> r.name("/env/param").value("from ssm").type(ParameterType.SECURE_STRING));
            s3.createBucket(r -> r.bucket("sources"));
            putSource(s3, "sources", "main.zip", Map.of("main.txt", "main source"));
            putSource(s3, "sources", "lib.zip", Map.of("version.txt", "lib 1.0"));
            codeBuild.createProject(CodeBuildFixtures.project("environment", "sources/main.zip")
                    .source(s -> s.type(SourceType.S3).location("sources/main.zip").buildspec(BUILDSPEC))
                    .environment(e -> e.type("LINUX_CONTAINER").image("aws/codebuild/standard:7.0")
                            .computeType("BUILD_GENERAL1_SMALL").environmentVariables(
                                    v -> v.name("PROJECT_WINS").value("project"),
                                    v -> v.name("OVERRIDE_WINS").value("project")))
                    .build());
            String id = codeBuild.startBuild(r -> r.projectName("environment").sourceVersion("v-123")
                    .environmentVariablesOverride(v -> v.name("OVERRIDE_WINS").value("override"),
                            v -> v.name("FROM_PARAMETER").value("/env/param")
                                    .type(EnvironmentVariableType.PARAMETER_STORE))
                    .secondarySourcesOverride(s -> s.type(SourceType.S3).location("sources/lib.zip")
                            .sourceIdentifier("lib")))
                    .build().id();
            build = awaitComplete(codeBuild, id);
        }
        seen = build.exportedEnvironmentVariables().stream().collect(Collectors.toMap(
                ExportedEnvironmentVariable::name, ExportedEnvironmentVariable::value));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void theBuildSucceeds() {
        assertThat(build.buildStatusAsString()).as(() -> emulator.context().backend(CodeBuildBackend.class)
                .logText(build.id())).isEqualTo("SUCCEEDED");
    }

    @Test
    void theProjectsVariablesOverrideTheBuildspecsAndTheStartRequestsOverrideBoth() {
        assertThat(seen).containsEntry("FROM_BUILDSPEC", "buildspec").containsEntry("PROJECT_WINS", "project")
                .containsEntry("OVERRIDE_WINS", "override");
    }

    @Test
    void aParameterStoreVariableHoldsTheParametersDecryptedValue() {
        assertThat(seen).containsEntry("FROM_PARAMETER", "from ssm");
    }

    @Test
    void codeBuildsOwnVariablesDescribeTheBuild() {
        assertThat(seen).containsEntry("BUILD_ID", build.id()).containsEntry("BUILD_ARN", build.arn())
                .containsEntry("BUILD_NUMBER", "1").containsEntry("SOURCE_VERSION", "v-123")
                .containsEntry("INITIATOR", "root").containsEntry("PROJECT", "environment")
                .containsEntry("START_TIME", Long.toString(build.startTime().toEpochMilli()));
    }

    @Test
    void commandsStartInThePrimarySourceAndSecondarySourcesHaveTheirOwnDirectories() {
        assertThat(seen).containsEntry("PWD_IS_SRC", "yes").containsEntry("MAIN_FILE", "main source")
                .containsEntry("LIB_FILE", "lib 1.0");
        assertThat(build.secondarySources()).singleElement().satisfies(s -> {
            assertThat(s.sourceIdentifier()).isEqualTo("lib");
            assertThat(s.location()).isEqualTo("sources/lib.zip");
        });
    }

    @Test
    void theAwsSdkAndCliInTheBuildAreDirectedAtTheEmulator() {
        assertThat(seen).containsEntry("ENDPOINT", emulator.endpoint().toString())
                .containsEntry("REGION", "us-east-1/us-east-1").containsEntry("ACCESS_KEY", "test");
    }

    @Test
    void theMachinesHomeAndPathAreKeptSoLocalToolCachesAreReused() {
        assertThat(seen).containsEntry("HOME_SEEN", System.getenv("HOME")).containsEntry("PATH_SEEN",
                System.getenv("PATH"));
    }

    @Test
    void registryLoginsGoToADockerConfigOfTheBuildsOwnNotTheMachines() {
        assertThat(seen.get("DOCKER_CONFIG_SEEN")).isNotBlank().isNotEqualTo(System.getenv("DOCKER_CONFIG"))
                .doesNotStartWith(System.getenv("HOME") + "/.docker");
    }

    @Test
    void aJavaRuntimeVersionPutsTheJdkAtJavaHomeFirstOnThePath() {
        String javaHome = System.getenv("JAVA_HOME");
        org.junit.jupiter.api.Assumptions.assumeTrue(javaHome != null, "JAVA_HOME is not set");
        try (CodeBuildClient codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint())) {
            String id = codeBuild.startBuild(r -> r.projectName("environment").buildspecOverride("""
                    version: 0.2
                    env:
                      exported-variables: [JAVA_SEEN]
                    phases:
                      install:
                        runtime-versions:
                          java: corretto21
                      build:
                        commands:
                          - JAVA_SEEN=$(command -v java)
                    """)).build().id();

            Build javaBuild = awaitComplete(codeBuild, id);

            assertThat(javaBuild.exportedEnvironmentVariables()).singleElement().satisfies(v ->
                    assertThat(v.value()).isEqualTo(java.nio.file.Path.of(javaHome, "bin", "java").toString()));
        }
    }

    @Test
    void theBuildRecordsItsEnvironmentVariablesAsMerged() {
        assertThat(build.environment().environmentVariables()).extracting(v -> v.name() + "=" + v.value())
                .containsExactly("PROJECT_WINS=project", "OVERRIDE_WINS=override", "FROM_PARAMETER=/env/param");
    }
}
