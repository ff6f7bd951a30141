package dev.stepsolver.emulator.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.time.ManualClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/** The OCI Distribution API on the emulator's port, by plain HTTP and by Jib. */
class RegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private ManualClock clock;
    private LocalEmulator emulator;
    private EcrClient ecr;
    private RegistryClient registry;

    @TempDir
    Path temp;

    @BeforeEach
    void start() {
        clock = new ManualClock(START);
        emulator = LocalEmulator.builder().port(0).clock(clock).build().start();
        ecr = Clients.ecr(emulator.endpoint());
        ecr.createRepository(r -> r.repositoryName("solver"));
        registry = new RegistryClient(emulator.endpoint(), Optional.of(token()));
    }

    @AfterEach
    void stop() {
        ecr.close();
        emulator.close();
    }

    private String token() {
        return ecr.getAuthorizationToken(r -> { }).authorizationData().get(0).authorizationToken();
    }

    private static String errorCode(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body()).path("errors").path(0).path("code").asText();
    }

    private static byte[] bytes(int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    private byte[] manifestFor(byte[] config, byte[]... layers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
                .append(ManifestDocument.DOCKER_MANIFEST).append("\",\"config\":{\"mediaType\":")
                .append("\"application/vnd.docker.container.image.v1+json\",\"digest\":\"").append(Digest.of(config))
                .append("\",\"size\":").append(config.length).append("},\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                    + "\"digest\":\"").append(Digest.of(layers[i])).append("\",\"size\":").append(layers[i].length)
                    .append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thePingWithoutCredentialsIsChallengedWithBasicAuth() throws Exception {
        HttpResponse<byte[]> response = new RegistryClient(emulator.endpoint(), Optional.empty()).get("/v2/");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Basic realm="));
        assertThat(errorCode(response)).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void thePingWithTheEcrPasswordSucceeds() throws Exception {
        HttpResponse<byte[]> response = registry.get("/v2/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void aPasswordExpiresAfterTwelveHoursOfEmulatedTime() throws Exception {
        clock.advance(Duration.ofHours(12).plusSeconds(1));

        assertThat(registry.get("/v2/").statusCode()).isEqualTo(401);
    }

    @Test
    void aForgedPasswordIsRefused() throws Exception {
        String forged = RegistryClient.basic("AWS", "djE6MDAwMDAwMDAwMDAwOjk5OTk5OTk5OTk.c2lnbmF0dXJl");

        assertThat(new RegistryClient(emulator.endpoint(), Optional.of(forged)).get("/v2/").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aChunkedUploadBecomesABlobWithItsDigest() throws Exception {
        byte[] blob = bytes(200_000, 7);
        HttpResponse<byte[]> started = registry.send("POST", "/v2/solver/blobs/uploads/", new byte[0], Map.of());
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(started.headers().firstValue("Docker-Upload-UUID")).isPresent();

        HttpResponse<byte[]> first = registry.send("PATCH", location, Arrays.copyOfRange(blob, 0, 70_000),
                Map.of("Content-Range", "0-69999", "Content-Type", "application/octet-stream"));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-69999");
        HttpResponse<byte[]> second = registry.send("PATCH", first.headers().firstValue("Location").orElseThrow(),
                Arrays.copyOfRange(blob, 70_000, 150_000), Map.of("Content-Range", "70000-149999"));
        assertThat(second.headers().firstValue("Range")).hasValue("0-149999");
        assertThat(registry.get(location).headers().firstValue("Range")).hasValue("0-149999");
        HttpResponse<byte[]> done = registry.send("PUT", location + "?digest=" + Digest.of(blob),
                Arrays.copyOfRange(blob, 150_000, blob.length), Map.of());

        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(done.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(blob).toString());
        HttpResponse<byte[]> read = registry.get("/v2/solver/blobs/" + Digest.of(blob));
        assertThat(read.body()).isEqualTo(blob);
        HttpResponse<byte[]> head = registry.send("HEAD", "/v2/solver/blobs/" + Digest.of(blob), new byte[0], Map.of());
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(blob.length));
    }

    @Test
    void aChunkThatDoesNotStartWhereTheUploadStandsIsRefused() throws Exception {
        String location = registry.send("POST", "/v2/solver/blobs/uploads/", new byte[0], Map.of())
                .headers().firstValue("Location").orElseThrow();
        registry.send("PATCH", location, bytes(10, 1), Map.of("Content-Range", "0-9"));

        HttpResponse<byte[]> gap = registry.send("PATCH", location, bytes(10, 2), Map.of("Content-Range", "20-29"));

        assertThat(gap.statusCode()).isEqualTo(416);
    }

    @Test
    void aBlobWhoseDigestDoesNotMatchIsRejectedAndNothingIsStored() throws Exception {
        byte[] blob = bytes(1000, 3);
        byte[] other = bytes(1000, 4);

        HttpResponse<byte[]> response = registry.send("POST", "/v2/solver/blobs/uploads/?digest=" + Digest.of(other),
                blob, Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("DIGEST_INVALID");
        assertThat(registry.send("HEAD", "/v2/solver/blobs/" + Digest.of(other), new byte[0], Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(registry.send("HEAD", "/v2/solver/blobs/" + Digest.of(blob), new byte[0], Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void manifestsAreServedByTagAndByDigestWithTheirMediaType() throws Exception {
        byte[] config = "{\"config\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = bytes(500, 9);
        registry.pushBlob("solver", config);
        registry.pushBlob("solver", layer);
        byte[] manifest = manifestFor(config, layer);

        HttpResponse<byte[]> put = registry.send("PUT", "/v2/solver/manifests/v1", manifest,
                Map.of("Content-Type", ManifestDocument.DOCKER_MANIFEST));

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(manifest).toString());
        for (String reference : List.of("v1", Digest.of(manifest).toString())) {
            HttpResponse<byte[]> get = registry.get("/v2/solver/manifests/" + reference);
            assertThat(get.body()).isEqualTo(manifest);
            assertThat(get.headers().firstValue("Content-Type")).hasValue(ManifestDocument.DOCKER_MANIFEST);
            assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(Digest.of(manifest).toString());
        }
        HttpResponse<byte[]> head = registry.send("HEAD", "/v2/solver/manifests/v1", new byte[0], Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(manifest.length));
        assertThat(JSON.readTree(registry.get("/v2/solver/tags/list").body()).path("tags").get(0).asText())
                .isEqualTo("v1");
    }

    @Test
    void anIndexReferencingAPushedManifestIsAccepted() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = bytes(100, 5);
        registry.pushBlob("solver", config);
        registry.pushBlob("solver", layer);
        byte[] manifest = manifestFor(config, layer);
        registry.send("PUT", "/v2/solver/manifests/" + Digest.of(manifest), manifest,
                Map.of("Content-Type", ManifestDocument.DOCKER_MANIFEST));
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestDocument.OCI_INDEX + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + ManifestDocument.DOCKER_MANIFEST + "\",\"digest\":\"" + Digest.of(manifest)
                + "\",\"size\":" + manifest.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> put = registry.send("PUT", "/v2/solver/manifests/multi", index,
                Map.of("Content-Type", ManifestDocument.OCI_INDEX));

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(registry.get("/v2/solver/manifests/multi").headers().firstValue("Content-Type"))
                .hasValue(ManifestDocument.OCI_INDEX);
    }

    @Test
    void aManifestReferencingAnUnknownBlobIsRejected() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        registry.pushBlob("solver", config);

        HttpResponse<byte[]> put = registry.send("PUT", "/v2/solver/manifests/v1", manifestFor(config, bytes(10, 1)),
                Map.of("Content-Type", ManifestDocument.DOCKER_MANIFEST));

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(errorCode(put)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        assertThat(registry.get("/v2/solver/manifests/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void aManifestPutUnderTheWrongDigestIsRejected() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        registry.pushBlob("solver", config);
        byte[] manifest = manifestFor(config);

        HttpResponse<byte[]> put = registry.send("PUT", "/v2/solver/manifests/" + Digest.of(config), manifest,
                Map.of("Content-Type", ManifestDocument.DOCKER_MANIFEST));

        assertThat(errorCode(put)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void anUnknownRepositoryIsNameUnknown() throws Exception {
        HttpResponse<byte[]> response = registry.send("POST", "/v2/nope/blobs/uploads/", new byte[0], Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(errorCode(response)).isEqualTo("NAME_UNKNOWN");
    }

    @Test
    void jibPushesAnImageThatDescribeImagesReports() throws Exception {
        Path file = Files.writeString(temp.resolve("hello.txt"), "hello from jib");
        String repositoryUri = ecr.describeRepositories().repositories().get(0).repositoryUri();
        String password = new String(java.util.Base64.getDecoder().decode(token()), StandardCharsets.UTF_8)
                .substring("AWS:".length());
        System.setProperty("sendCredentialsOverHttp", "true");

        JibContainer container = Jib.fromScratch()
                .addLayer(List.of(file), AbsoluteUnixPath.get("/var/task"))
                .setProgramArguments(List.of("example.Handler::handleRequest"))
                .containerize(Containerizer.to(RegistryImage.named(repositoryUri + ":jib").addCredential("AWS", password))
                        .setAllowInsecureRegistries(true));

        ImageDetail detail = ecr.describeImages(r -> r.repositoryName("solver")).imageDetails().get(0);
        assertThat(detail.imageDigest()).isEqualTo(container.getDigest().toString());
        assertThat(detail.imageTags()).containsExactly("jib");
        JsonNode manifest = JSON.readTree(registry.get("/v2/solver/manifests/jib").body());
        assertThat(manifest.path("layers")).hasSize(1);
    }
}
