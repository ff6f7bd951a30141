package dev.stepsolver.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.SignedHttp;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class EdgeRoutingTest {

    private LocalEmulator emulator;

    @BeforeEach
    void start() {
        emulator = LocalEmulator.builder().port(0)
                .module((context, registry) -> registry.addRoute(DataPlaneRoute.buffered(
                        head -> head.rawPath().startsWith("/_test/echo/"),
                        request -> EdgeResponse.status(200).body("echo " + request.path().substring(12),
                                "text/plain").build())))
                .build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void anUnsignedS3RequestIsAccessDenied() throws Exception {
        HttpResponse<byte[]> response = SignedHttp.unsigned(emulator.endpoint().resolve("/some-bucket"), "GET",
                Map.of(), new byte[0]);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<Code>AccessDenied</Code>");
    }

    @Test
    void anUnsignedJsonRequestIsMissingAuthenticationToken() throws Exception {
        HttpResponse<byte[]> response = SignedHttp.unsigned(emulator.endpoint().resolve("/"), "POST",
                Map.of("X-Amz-Target", "AmazonSSM.GetParameter", "Content-Type", "application/x-amz-json-1.1"),
                "{\"Name\":\"x\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("\"__type\":\"MissingAuthenticationTokenException\"");
    }

    @Test
    void anUnsignedQueryRequestIsMissingAuthenticationToken() throws Exception {
        HttpResponse<byte[]> response = SignedHttp.unsigned(emulator.endpoint().resolve("/"), "POST",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("<Code>MissingAuthenticationToken</Code>")
                .contains("<Message>Request is missing Authentication Token</Message>");
    }

    @Test
    void aRequestForAServiceNotServedIsNotImplemented() throws Exception {
        HttpResponse<byte[]> response = SignedHttp.post(emulator.endpoint(), "/", Map.of("Content-Type",
                "application/x-www-form-urlencoded"), "Action=ListQueues".getBytes(StandardCharsets.UTF_8), "sqs");

        assertThat(response.statusCode()).isEqualTo(501);
    }

    @Test
    void dataPlaneRoutesAreServedBeforeSigV4Routing() throws Exception {
        HttpResponse<byte[]> response = SignedHttp.unsigned(emulator.endpoint().resolve("/_test/echo/hello"), "GET",
                Map.of(), new byte[0]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("echo hello");
    }

    @Test
    void aPresignedS3UrlIsHonoured() throws Exception {
        URI endpoint = emulator.endpoint();
        try (S3Client s3 = Clients.s3(endpoint);
                S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
            s3.createBucket(r -> r.bucket("presigned"));
            s3.putObject(r -> r.bucket("presigned").key("file.txt"), RequestBody.fromString("shared"));

            URI url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("presigned").key("file.txt"))).url().toURI();
            HttpResponse<byte[]> response = SignedHttp.unsigned(url, "GET", Map.of(), new byte[0]);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("shared");
            URI tampered = URI.create(url.toString().replace("file.txt", "other.txt"));
            assertThat(SignedHttp.unsigned(tampered, "GET", Map.of(), new byte[0]).statusCode()).isEqualTo(403);
        }
    }
}
