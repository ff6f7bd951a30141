package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.putSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildPhase;
import software.amazon.awssdk.services.codebuild.model.PhaseContext;
import software.amazon.awssdk.services.codebuild.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds that fail before or between their commands, as AWS reports them (and builds that do not fail). */
class BuildFailuresTest {

    private static LocalEmulator emulator;
    private static CodeBuildClient codeBuild;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
        s3.createBucket(r -> r.bucket("sources"));
        putSource(s3, "sources", "plain.zip", Map.of("README.md", "no buildspec here\n"));
        codeBuild.createProject(CodeBuildFixtures.project("failures", "sources/plain.zip").build());
    }

    @AfterAll
    static void stop() {
        codeBuild.close();
        s3.close();
        emulator.close();
    }

    private static Build run(String buildspec) {
        String id = codeBuild.startBuild(r -> r.projectName("failures").buildspecOverride(buildspec)).build().id();
        return awaitComplete(codeBuild, id);
    }

    private static BuildPhase phase(Build build, String type) {
        return build.phases().stream().filter(p -> p.phaseTypeAsString().equals(type)).findFirst().orElseThrow();
    }

    private static PhaseContext downloadSourceContext(Build build) {
        assertThat(build.buildStatusAsString()).isEqualTo("FAILED");
        BuildPhase download = phase(build, "DOWNLOAD_SOURCE");
        assertThat(download.phaseStatusAsString()).isEqualTo("FAILED");
        assertThat(build.phases()).extracting(BuildPhase::phaseTypeAsString).doesNotContain("INSTALL", "BUILD");
        return download.contexts().get(0);
    }

    @Test
    void aBuildspecThatIsNotYamlFailsInDownloadSourceWithYamlFileError() {
        PhaseContext context = downloadSourceContext(run("version: 0.2\nphases:\n  build:\n    commands: [echo, \n"));

        assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(context.message()).contains("at line");
    }

    @Test
    void aBuildspecOfAnotherVersionFailsWithYamlFileError() {
        PhaseContext context = downloadSourceContext(run("version: 0.3\nphases:\n  build:\n    commands:\n"
                + "      - echo hi\n"));

        assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(context.message()).isEqualTo("Invalid buildspec version '0.3' at line 1: the supported version"
                + " is 0.2");
    }

    @Test
    void anUnknownPhaseFailsWithYamlFileError() {
        PhaseContext context = downloadSourceContext(run("version: 0.2\nphases:\n  biuld:\n    commands:\n"
                + "      - echo hi\n"));

        assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(context.message()).startsWith("Unknown phase 'biuld' at line 3");
    }

    @Test
    void aCommandThatYamlReadsAsAMappingFailsAsAwsSaysIt() {
        PhaseContext context = downloadSourceContext(run("version: 0.2\nphases:\n  build:\n    commands:\n"
                + "      - echo ok\n      - echo FATAL: broken\n"));

        assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(context.message()).isEqualTo("Expected Commands[1] to be of string type: found subkeys instead at"
                + " line 6");
    }

    @Test
    void aMissingBuildspecFileFailsWithYamlFileError() {
        String id = codeBuild.startBuild(r -> r.projectName("failures")).build().id();

        PhaseContext context = downloadSourceContext(awaitComplete(codeBuild, id));

        assertThat(context.statusCode()).isEqualTo("YAML_FILE_ERROR");
        assertThat(context.message()).startsWith("stat ").endsWith("/src/buildspec.yml: no such file or directory");
    }

    @Test
    void aMissingSourceObjectFailsWithClientError() {
        String id = codeBuild.startBuild(r -> r.projectName("failures").sourceTypeOverride(SourceType.S3)
                .sourceLocationOverride("sources/not-there.zip")).build().id();

        PhaseContext context = downloadSourceContext(awaitComplete(codeBuild, id));

        assertThat(context.statusCode()).isEqualTo("CLIENT_ERROR");
        assertThat(context.message()).isEqualTo("error while downloading key not-there.zip from bucket sources,"
                + " error: NoSuchKey: The specified key does not exist.");
    }

    @Test
    void aSourceThatIsNotAZipFailsWithClientError() {
        s3.putObject(r -> r.bucket("sources").key("text.zip"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not a zip"));
        String id = codeBuild.startBuild(r -> r.projectName("failures").sourceLocationOverride("sources/text.zip")
                .buildspecOverride("version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n")).build().id();

        PhaseContext context = downloadSourceContext(awaitComplete(codeBuild, id));

        assertThat(context.statusCode()).isEqualTo("CLIENT_ERROR");
        assertThat(context.message()).contains("not a readable zip file");
    }

    @Test
    void aMissingParameterStoreParameterFailsBeforeAnyCommand() {
        PhaseContext context = downloadSourceContext(run("version: 0.2\nenv:\n  parameter-store:\n"
                + "    SECRET: /does/not/exist\nphases:\n  build:\n    commands:\n      - echo $SECRET\n"));

        assertThat(context.statusCode()).isEqualTo("Decrypted Variables Error");
        assertThat(context.message()).isEqualTo("parameter does not exist: /does/not/exist");
    }

    @Test
    void aFailedInstallPhaseGoesStraightToFinalizing() {
        Build build = run("version: 0.2\nphases:\n  install:\n    commands:\n      - exit 2\n  build:\n"
                + "    commands:\n      - echo never\n  post_build:\n    commands:\n      - echo never\n");

        assertThat(build.buildStatusAsString()).isEqualTo("FAILED");
        assertThat(build.phases()).extracting(BuildPhase::phaseTypeAsString).containsExactly("SUBMITTED", "QUEUED",
                "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL", "FINALIZING", "COMPLETED");
    }

    @Test
    void aFailedBuildPhaseStillRunsPostBuildWhichSeesTheBuildFailing() {
        Build build = run("version: 0.2\nenv:\n  exported-variables:\n    - SEEN\nphases:\n  build:\n"
                + "    commands:\n      - false\n  post_build:\n    commands:\n"
                + "      - SEEN=$CODEBUILD_BUILD_SUCCEEDING\n");

        assertThat(phase(build, "POST_BUILD").phaseStatusAsString()).isEqualTo("SUCCEEDED");
        assertThat(build.exportedEnvironmentVariables()).singleElement()
                .satisfies(v -> assertThat(v.value()).isEqualTo("0"));
    }

    @Test
    void aBuildWithNoFailureSucceeds() {
        Build build = run("version: 0.2\nphases:\n  build:\n    commands:\n      - echo fine\n");

        assertThat(build.buildStatusAsString()).isEqualTo("SUCCEEDED");
        assertThat(phase(build, "BUILD").phaseStatusAsString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anInlineBuildspecMayBeJsonOnOneLine() {
        Build build = run("{\"version\": \"0.2\", \"phases\": {\"build\": {\"commands\": [\"echo json\"]}}}");

        assertThat(build.buildStatusAsString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void artifactsThatMatchNoFileFailTheUploadWithClientError() {
        s3.createBucket(r -> r.bucket("empty-artifacts"));
        String id = codeBuild.startBuild(r -> r.projectName("failures")
                .buildspecOverride("version: 0.2\nphases:\n  build:\n    commands:\n      - echo fine\n"
                        + "artifacts:\n  files:\n    - nothing/**/*\n")
                .artifactsOverride(a -> a.type("S3").location("empty-artifacts").name("out.zip").packaging("ZIP")))
                .build().id();

        Build build = awaitComplete(codeBuild, id);

        assertThat(build.buildStatusAsString()).isEqualTo("FAILED");
        assertThat(phase(build, "UPLOAD_ARTIFACTS").contexts().get(0).message())
                .isEqualTo("no matching artifact paths found");
    }

    @Test
    void startingABuildOfAnUnknownProjectFailsWithResourceNotFound() {
        assertThatThrownBy(() -> codeBuild.startBuild(r -> r.projectName("no-such-project")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Project cannot be found: arn:aws:codebuild:us-east-1:"
                                + "000000000000:project/no-such-project"));
    }

    @Test
    void aTimeoutOverrideOutOfRangeIsInvalidInput() {
        assertThatThrownBy(() -> codeBuild.startBuild(r -> r.projectName("failures").timeoutInMinutesOverride(1)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.codebuild.model.InvalidInputException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("between 5 and 2160"));
    }
}
