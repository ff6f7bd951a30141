package dev.stepsolver.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** ECR's control plane through the SDK v2 client, with images pushed over the registry API. */
class EcrTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private ManualClock clock;
    private LocalEmulator emulator;
    private EcrClient ecr;

    @BeforeEach
    void start() {
        clock = new ManualClock(START);
        emulator = LocalEmulator.builder().port(0).clock(clock).build().start();
        ecr = Clients.ecr(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        ecr.close();
        emulator.close();
    }

    private RegistryClient registry() {
        return new RegistryClient(emulator.endpoint(), Optional.of(ecr.getAuthorizationToken(r -> { })
                .authorizationData().get(0).authorizationToken()));
    }

    /** Pushes a one-layer image and returns its manifest digest. */
    private String pushImage(String repository, String tag, String content) throws Exception {
        RegistryClient registry = registry();
        byte[] layer = content.getBytes(StandardCharsets.UTF_8);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThat(registry.pushBlob(repository, layer).statusCode()).isEqualTo(201);
        assertThat(registry.pushBlob(repository, config).statusCode()).isEqualTo(201);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestDocument.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + Digest.of(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + Digest.of(layer) + "\",\"size\":"
                + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        assertThat(registry.send("PUT", "/v2/" + repository + "/manifests/" + tag, manifest,
                Map.of("Content-Type", ManifestDocument.OCI_MANIFEST)).statusCode()).isEqualTo(201);
        return Digest.of(manifest).toString();
    }

    @Test
    void createRepositoryReturnsAUriTheRegistryServes() {
        Repository repository = ecr.createRepository(r -> r.repositoryName("team/solver")).repository();

        assertThat(repository.repositoryUri()).isEqualTo("localhost:" + emulator.endpoint().getPort() + "/team/solver");
        assertThat(repository.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/team/solver");
        assertThat(repository.registryId()).isEqualTo("000000000000");
        assertThat(ecr.describeRepositories(r -> r.repositoryNames("team/solver")).repositories())
                .extracting(Repository::repositoryName).containsExactly("team/solver");
    }

    @Test
    void creatingAnExistingRepositoryFails() {
        ecr.createRepository(r -> r.repositoryName("solver"));

        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("solver")))
                .isInstanceOf(RepositoryAlreadyExistsException.class)
                .hasMessageContaining("The repository with name 'solver' already exists in the registry with id"
                        + " '000000000000'");
    }

    @Test
    void anInvalidRepositoryNameIsRejected() {
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("Upper/Case")))
                .hasMessageContaining("repositoryName");
    }

    @Test
    void describingAMissingRepositoryFails() {
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("nope")))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("The repository with name 'nope' does not exist in the registry with id"
                        + " '000000000000'");
    }

    @Test
    void describeImagesReportsDigestTagsPushTimeAndSize() throws Exception {
        ecr.createRepository(r -> r.repositoryName("solver"));
        clock.advance(Duration.ofMinutes(5));
        String digest = pushImage("solver", "v1", "layer bytes");

        ImageDetail detail = ecr.describeImages(r -> r.repositoryName("solver")).imageDetails().get(0);

        assertThat(detail.imageDigest()).isEqualTo(digest);
        assertThat(detail.imageTags()).containsExactly("v1");
        assertThat(detail.imagePushedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(detail.imageSizeInBytes()).isEqualTo("layer bytes".length());
        assertThat(detail.imageManifestMediaType()).isEqualTo(ManifestDocument.OCI_MANIFEST);
    }

    @Test
    void pushingATagAgainMovesItToTheNewImage() throws Exception {
        ecr.createRepository(r -> r.repositoryName("solver"));
        String first = pushImage("solver", "latest", "one");
        String second = pushImage("solver", "latest", "two");

        assertThat(ecr.describeImages(r -> r.repositoryName("solver").filter(f -> f.tagStatus("TAGGED")))
                .imageDetails()).extracting(ImageDetail::imageDigest).containsExactly(second);
        assertThat(ecr.describeImages(r -> r.repositoryName("solver").filter(f -> f.tagStatus("UNTAGGED")))
                .imageDetails()).extracting(ImageDetail::imageDigest).containsExactly(first);
    }

    @Test
    void describingAnUnknownImageFails() {
        ecr.createRepository(r -> r.repositoryName("solver"));

        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("solver").imageIds(i -> i.imageTag("v9"))))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("The image with imageId {imageTag:'v9'} does not exist within the repository"
                        + " with name 'solver'");
    }

    @Test
    void batchGetImageReturnsTheManifestAndFailuresForUnknownIds() throws Exception {
        ecr.createRepository(r -> r.repositoryName("solver"));
        String digest = pushImage("solver", "v1", "layer");

        BatchGetImageResponse response = ecr.batchGetImage(r -> r.repositoryName("solver")
                .imageIds(i -> i.imageTag("v1"), i -> i.imageTag("v2")));

        assertThat(response.images()).hasSize(1);
        assertThat(response.images().get(0).imageId().imageDigest()).isEqualTo(digest);
        assertThat(Digest.of(response.images().get(0).imageManifest().getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo(digest);
        assertThat(response.failures()).singleElement().satisfies(f -> {
            assertThat(f.imageId().imageTag()).isEqualTo("v2");
            assertThat(f.failureCodeAsString()).isEqualTo("ImageNotFound");
        });
    }

    @Test
    void deletingTheLastTagDeletesTheImage() throws Exception {
        ecr.createRepository(r -> r.repositoryName("solver"));
        pushImage("solver", "v1", "layer");

        BatchDeleteImageResponse response = ecr.batchDeleteImage(r -> r.repositoryName("solver")
                .imageIds(i -> i.imageTag("v1")));

        assertThat(response.imageIds()).singleElement().satisfies(id -> assertThat(id.imageTag()).isEqualTo("v1"));
        assertThat(ecr.describeImages(r -> r.repositoryName("solver")).imageDetails()).isEmpty();
    }

    @Test
    void aRepositoryWithImagesIsDeletedOnlyWithForce() throws Exception {
        ecr.createRepository(r -> r.repositoryName("solver"));
        pushImage("solver", "v1", "layer");

        assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("solver")))
                .isInstanceOf(RepositoryNotEmptyException.class);
        ecr.deleteRepository(r -> r.repositoryName("solver").force(true));
        assertThat(ecr.describeRepositories().repositories()).isEmpty();
    }

    @Test
    void theAuthorizationTokenIsAwsAndAPasswordValidForTwelveHours() {
        AuthorizationData data = ecr.getAuthorizationToken(r -> { }).authorizationData().get(0);

        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("AWS:");
        assertThat(data.expiresAt()).isEqualTo(START.plus(Duration.ofHours(12)));
        assertThat(data.proxyEndpoint()).isEqualTo("http://localhost:" + emulator.endpoint().getPort());
    }
}
