package dev.stepsolver.emulator.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.SignedHttp;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;

/** Each S3 payload mode, produced by the SDK's own signer, verified and decoded by the emulator. */
class S3PayloadModesTest {

    private static final byte[] DATA = "x".repeat(70_000).getBytes(StandardCharsets.US_ASCII);

    private static LocalEmulator emulator;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        emulator = LocalEmulator.builder().port(0).build().start();
        s3 = Clients.s3(emulator.endpoint());
        s3.createBucket(r -> r.bucket("modes"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        emulator.close();
    }

    private static HttpResponse<byte[]> put(String key, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options)
            throws Exception {
        // The SDK signer always signs payloads sent over plain HTTP; signing for https lets it use the
        // unsigned modes, and the request then goes to the emulator's http port unchanged.
        SdkHttpRequest request = SdkHttpRequest.builder().uri(emulator.endpoint().resolve("/modes/" + key))
                .protocol("https").method(SdkHttpMethod.PUT)
                .putHeader("Content-Length", Integer.toString(DATA.length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("test", "test")).request(request)
                    .payload(ContentStreamProvider.fromByteArray(DATA))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC));
            options.accept(r);
        });
        byte[] body;
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        return SignedHttp.send(signed.request().toBuilder().protocol("http").build(), body);
    }

    private static String contentSha256(HttpResponse<byte[]> response) {
        return response.request().headers().firstValue("x-amz-content-sha256").orElse("");
    }

    private static byte[] stored(String key) {
        return s3.getObjectAsBytes(r -> r.bucket("modes").key(key)).asByteArray();
    }

    @Test
    void aSignedHexPayloadIsAccepted() throws Exception {
        HttpResponse<byte[]> response = put("hex", r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(contentSha256(response)).hasSize(64);
        assertThat(stored("hex")).isEqualTo(DATA);
    }

    @Test
    void anUnsignedPayloadIsAccepted() throws Exception {
        HttpResponse<byte[]> response = put("unsigned",
                r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(contentSha256(response)).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(stored("unsigned")).isEqualTo(DATA);
    }

    @Test
    void signedChunksAreVerifiedAndDecoded() throws Exception {
        HttpResponse<byte[]> response = put("chunked", r -> r
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true));

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(contentSha256(response)).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThat(stored("chunked")).isEqualTo(DATA);
    }

    @Test
    void unsignedChunksWithAChecksumTrailerAreDecodedAndChecked() throws Exception {
        HttpResponse<byte[]> response = put("trailer", r -> r
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(contentSha256(response)).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(response.headers().firstValue("x-amz-checksum-crc32")).isPresent();
        assertThat(stored("trailer")).isEqualTo(DATA);
    }

    @Test
    void signedChunksWithASignedTrailerAreVerified() throws Exception {
        HttpResponse<byte[]> response = put("signed-trailer", r -> r
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.SHA256));

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(contentSha256(response)).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(stored("signed-trailer")).isEqualTo(DATA);
    }

    @Test
    void aBodyThatDoesNotMatchItsDeclaredHashIsRejected() throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(emulator.endpoint().resolve("/modes/lying"))
                .method(SdkHttpMethod.PUT).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("test", "test")).request(request)
                .payload(ContentStreamProvider.fromByteArray(DATA))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));

        HttpResponse<byte[]> response = SignedHttp.send(signed.request(), "other bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("XAmzContentSHA256Mismatch");
    }

    @Test
    void aWrongContentMd5IsABadDigest() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.putObject(r -> r.bucket("modes").key("md5")
                        .contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not empty")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
    }
}
