package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A build that calls the emulator back with the unmodified AWS CLI, as the repository's buildspecs
 * call it with the SDK: only AWS_ENDPOINT_URL, region and credentials connect them. Skipped when
 * {@code aws} is not on the PATH.
 */
class AwsCliInBuildTest {

    private static LocalEmulator emulator;

    @BeforeAll
    static void start() {
        assumeTrue(onPath("aws"), "the AWS CLI (aws) is not on the PATH");
        emulator = LocalEmulator.builder().port(0).build().start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aBuildWritesToTheEmulatorsS3WithTheAwsCli() {
        try (CodeBuildClient codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
                S3Client s3 = Clients.s3(emulator.endpoint())) {
            s3.createBucket(r -> r.bucket("written-by-a-build"));
            codeBuild.createProject(CodeBuildFixtures.project("cli", "unused/unused.zip")
                    .source(s -> s.type(SourceType.NO_SOURCE).buildspec("""
                            version: 0.2
                            phases:
                              build:
                                commands:
                                  - echo "hello from $CODEBUILD_BUILD_ID" > hello.txt
                                  - aws s3 cp hello.txt s3://written-by-a-build/hello.txt
                                  - aws sts get-caller-identity --query Account --output text
                            """)).build());
            String id = codeBuild.startBuild(r -> r.projectName("cli")).build().id();

            Build build = awaitComplete(codeBuild, id);

            String log = emulator.context().backend(CodeBuildBackend.class).logText(id);
            assertThat(build.buildStatusAsString()).as(log).isEqualTo("SUCCEEDED");
            assertThat(s3.getObjectAsBytes(r -> r.bucket("written-by-a-build").key("hello.txt")).asUtf8String())
                    .isEqualTo("hello from " + id + "\n");
            assertThat(log).contains("000000000000");
        }
    }
}
