package dev.stepsolver.emulator.codebuild;

import static dev.stepsolver.emulator.codebuild.CodeBuildFixtures.awaitComplete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ArtifactNamespace;
import software.amazon.awssdk.services.codebuild.model.ArtifactPackaging;
import software.amazon.awssdk.services.codebuild.model.ArtifactsType;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.SourceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Where artifacts land: AWS's path, namespace, name and packaging settings, and StartBuild's overrides. */
class ArtifactLocationsTest {

    private static final String BUILDSPEC = """
            version: 0.2
            phases:
              build:
                commands:
                  - VERSION=v7
                  - mkdir -p out/docs && echo a > out/a.txt && echo b > out/docs/b.txt
            artifacts:
              name: site-$VERSION.zip
              base-directory: out
              files:
                - "**/*"
              secondary-artifacts:
                Docs:
                  base-directory: out/docs
                  files:
                    - b.txt
            """;

    private static LocalEmulator emulator;
    private static CodeBuildClient codeBuild;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        codeBuild = CodeBuildFixtures.codeBuild(emulator.endpoint());
        s3 = Clients.s3(emulator.endpoint());
        s3.createBucket(r -> r.bucket("out"));
        codeBuild.createProject(CodeBuildFixtures.project("locations", "x/y")
                .source(s -> s.type(SourceType.NO_SOURCE).buildspec(BUILDSPEC)).build());
    }

    @AfterAll
    static void stop() {
        codeBuild.close();
        s3.close();
        emulator.close();
    }

    @Test
    void theBuildspecNameIsExpandedByTheShellWhenTheProjectLetsItOverride() {
        String id = codeBuild.startBuild(r -> r.projectName("locations").artifactsOverride(a -> a
                .type(ArtifactsType.S3).location("out").path("named").name("ignored.zip")
                .packaging(ArtifactPackaging.ZIP).overrideArtifactName(true))).build().id();

        Build build = awaitComplete(codeBuild, id);

        assertThat(build.artifacts().location()).isEqualTo("arn:aws:s3:::out/named/site-v7.zip");
        assertThat(CodeBuildFixtures.unzip(s3.getObjectAsBytes(r -> r.bucket("out").key("named/site-v7.zip"))
                .asByteArray())).containsOnlyKeys("a.txt", "docs/b.txt");
    }

    @Test
    void theBuildIdNamespacePutsTheBuildsUuidBetweenPathAndName() {
        String id = codeBuild.startBuild(r -> r.projectName("locations").artifactsOverride(a -> a
                .type(ArtifactsType.S3).location("out").path("spaced").name("site.zip")
                .packaging(ArtifactPackaging.ZIP).namespaceType(ArtifactNamespace.BUILD_ID))).build().id();

        Build build = awaitComplete(codeBuild, id);

        String uuid = id.substring(id.indexOf(':') + 1);
        assertThat(build.artifacts().location()).isEqualTo("arn:aws:s3:::out/spaced/" + uuid + "/site.zip");
    }

    @Test
    void withoutZipPackagingEachFileIsUploadedUnderTheName() {
        String id = codeBuild.startBuild(r -> r.projectName("locations").artifactsOverride(a -> a
                .type(ArtifactsType.S3).location("out").path("loose").name("files")
                .packaging(ArtifactPackaging.NONE))).build().id();

        awaitComplete(codeBuild, id);

        assertThat(s3.listObjectsV2(r -> r.bucket("out").prefix("loose/")).contents()).extracting(S3Object::key)
                .containsExactlyInAnyOrder("loose/files/a.txt", "loose/files/docs/b.txt");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("out").key("loose/files/docs/b.txt")).asUtf8String())
                .isEqualTo("b\n");
    }

    @Test
    void secondaryArtifactsOverrideSendsAnArtifactByItsIdentifier() {
        String id = codeBuild.startBuild(r -> r.projectName("locations")
                .secondaryArtifactsOverride(a -> a.type(ArtifactsType.S3).location("out").path("secondary")
                        .name("docs.zip").packaging(ArtifactPackaging.ZIP).artifactIdentifier("Docs")))
                .build().id();

        Build build = awaitComplete(codeBuild, id);

        assertThat(build.buildStatusAsString()).isEqualTo("SUCCEEDED");
        assertThat(build.secondaryArtifacts()).singleElement().satisfies(a -> {
            assertThat(a.artifactIdentifier()).isEqualTo("Docs");
            assertThat(a.location()).isEqualTo("arn:aws:s3:::out/secondary/docs.zip");
        });
        assertThat(CodeBuildFixtures.unzip(s3.getObjectAsBytes(r -> r.bucket("out").key("secondary/docs.zip"))
                .asByteArray())).containsOnlyKeys("b.txt");
    }

    @Test
    void aSecondaryArtifactTheBuildspecDoesNotDeclareFailsTheUpload() {
        String id = codeBuild.startBuild(r -> r.projectName("locations")
                .secondaryArtifactsOverride(a -> a.type(ArtifactsType.S3).location("out").name("x.zip")
                        .packaging(ArtifactPackaging.ZIP).artifactIdentifier("Undeclared")))
                .build().id();

        Build build = awaitComplete(codeBuild, id);

        assertThat(build.buildStatusAsString()).isEqualTo("FAILED");
        assertThat(build.phases()).filteredOn(p -> p.phaseTypeAsString().equals("UPLOAD_ARTIFACTS")).singleElement()
                .satisfies(p -> assertThat(p.contexts().get(0).message()).isEqualTo("secondary artifact Undeclared is"
                        + " not declared in the buildspec's artifacts/secondary-artifacts"));
    }

    @Test
    void anArtifactBucketThatDoesNotExistFailsTheUploadWithClientError() {
        String id = codeBuild.startBuild(r -> r.projectName("locations").artifactsOverride(a -> a
                .type(ArtifactsType.S3).location("no-such-bucket").name("site.zip")
                .packaging(ArtifactPackaging.ZIP))).build().id();

        Build build = awaitComplete(codeBuild, id);

        assertThat(build.phases()).filteredOn(p -> p.phaseTypeAsString().equals("UPLOAD_ARTIFACTS")).singleElement()
                .satisfies(p -> {
                    assertThat(p.contexts().get(0).statusCode()).isEqualTo("CLIENT_ERROR");
                    assertThat(p.contexts().get(0).message()).contains("NoSuchBucket");
                });
    }
}
