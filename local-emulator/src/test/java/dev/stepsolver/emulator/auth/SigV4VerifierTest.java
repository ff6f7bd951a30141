package dev.stepsolver.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepsolver.emulator.SignedHttp;
import dev.stepsolver.emulator.protocol.HttpHeaders;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class SigV4VerifierTest {

    private static final String EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static SigV4Verifier verifier(String accessKey, String secret) {
        return new SigV4Verifier(key -> key.equals(accessKey)
                ? Optional.of(new Credentials(accessKey, secret, "000000000000")) : Optional.empty(),
                Clock.systemUTC());
    }

    private static RequestHead vanilla(String rawQuery, String signature) {
        return new RequestHead("GET", "/", rawQuery, HttpHeaders.builder()
                .add("Host", "example.amazonaws.com")
                .add("X-Amz-Date", "20150830T123600Z")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=" + signature)
                .build());
    }

    @Test
    void theAwsTestSuiteGetVanillaRequestVerifies() {
        RequestHead head = vanilla("", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        SigV4Verifier.Verified verified = verifier("AKIDEXAMPLE", EXAMPLE_SECRET).verify(head, new byte[0]);

        assertThat(verified.scope().service()).isEqualTo("service");
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.SIGNED);
    }

    @Test
    void theAwsTestSuiteQueryOrderRequestVerifies() {
        RequestHead head = vanilla("Param2=value2&Param1=value1",
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");

        assertThat(verifier("AKIDEXAMPLE", EXAMPLE_SECRET).verify(head, new byte[0]).credentials().accessKeyId())
                .isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void aSignatureOverOtherContentIsRejected() {
        RequestHead head = vanilla("Param2=changed", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");

        assertThatThrownBy(() -> verifier("AKIDEXAMPLE", EXAMPLE_SECRET).verify(head, new byte[0]))
                .isInstanceOfSatisfying(AuthFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(AuthFailure.Kind.SIGNATURE_MISMATCH);
                    assertThat(failure.canonicalRequest()).hasValueSatisfying(canonical ->
                            assertThat(canonical).startsWith("GET\n/\nParam2=changed\nhost:example.amazonaws.com\n"));
                });
    }

    @Test
    void anUnknownAccessKeyIsReportedAsSuch() {
        RequestHead head = vanilla("", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        assertThatThrownBy(() -> verifier("OTHER", EXAMPLE_SECRET).verify(head, new byte[0]))
                .isInstanceOfSatisfying(AuthFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(AuthFailure.Kind.UNKNOWN_ACCESS_KEY));
    }

    @Test
    void aRequestWithoutSignatureIsReportedAsMissing() {
        RequestHead head = new RequestHead("GET", "/", "", HttpHeaders.builder().add("Host", "h").build());

        assertThatThrownBy(() -> verifier("test", "test").verify(head, new byte[0]))
                .isInstanceOfSatisfying(AuthFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(AuthFailure.Kind.MISSING));
    }

    @Test
    void requestsSignedByTheSdkSignerVerifyWithOddPathsQueriesAndBodies() {
        byte[] body = "Action=PutMetricData&Namespace=A%20B".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .uri(URI.create("http://127.0.0.1:4566/a%20b/c~d/%C3%BC"))
                .method(SdkHttpMethod.POST)
                .putRawQueryParameter("z", "1")
                .putRawQueryParameter("a b", "x/y+z")
                .putRawQueryParameter("empty", "")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("X-Custom", "  spaced    value ")
                .build();
        SdkHttpRequest signed = SignedHttp.sign(request, body, "monitoring", "test", "test", Instant.now());

        RequestHead head = new RequestHead(signed.method().name(), signed.encodedPath(),
                signed.getUri().getRawQuery(), headers(signed));

        assertThat(verifier("test", "test").verify(head, body).scope().service()).isEqualTo("monitoring");
        assertThatThrownBy(() -> verifier("test", "test").verify(head, "tampered".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AuthFailure.class);
    }

    private static HttpHeaders headers(SdkHttpRequest request) {
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            header.getValue().forEach(value -> headers.add(header.getKey(), value));
        }
        if (!headers.build().contains("Host")) {
            headers.add("Host", request.host() + (request.port() == 80 ? "" : ":" + request.port()));
        }
        return headers.build();
    }

    // ------------------------------------------------------------ aws-chunked (AWS's published S3 example)

    private static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String[] CHUNK_SIGNATURES = {
        "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
        "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
        "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"};

    private static SigV4Verifier.Verified streamingExample() {
        Credentials credentials = new Credentials("AKIAIOSFODNN7EXAMPLE", S3_SECRET, "000000000000");
        return new SigV4Verifier.Verified(credentials,
                new CredentialScope("AKIAIOSFODNN7EXAMPLE", "20130524", "us-east-1", "s3"), "20130524T000000Z",
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", PayloadMode.STREAMING_SIGNED);
    }

    private static byte[] chunkedBody(String[] signatures) {
        StringBuilder body = new StringBuilder();
        int[] sizes = {65536, 1024, 0};
        for (int i = 0; i < sizes.length; i++) {
            body.append(Integer.toHexString(sizes[i])).append(";chunk-signature=").append(signatures[i]).append("\r\n")
                    .append("a".repeat(sizes[i])).append("\r\n");
        }
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theAwsStreamingUploadExampleDecodesWithEveryChunkSignatureVerified() {
        AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(chunkedBody(CHUNK_SIGNATURES), streamingExample());

        assertThat(decoded.data()).hasSize(66560).containsOnly((byte) 'a');
    }

    @Test
    void aTamperedChunkFailsItsSignature() {
        byte[] body = chunkedBody(CHUNK_SIGNATURES);
        body[100] = 'b';

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(body, streamingExample()))
                .isInstanceOfSatisfying(AuthFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(AuthFailure.Kind.SIGNATURE_MISMATCH));
    }

    @Test
    void aTruncatedChunkedBodyIsRejectedAsIncomplete() {
        byte[] body = chunkedBody(CHUNK_SIGNATURES);
        byte[] truncated = java.util.Arrays.copyOf(body, 70_000);

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(truncated, streamingExample()))
                .hasMessageContaining("terminated unexpectedly");
    }

    @Test
    void unsignedTrailerChunksDecodeAndExposeTheirChecksum() {
        byte[] body = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        SigV4Verifier.Verified verified = new SigV4Verifier.Verified(
                new Credentials("test", "test", "000000000000"), new CredentialScope("test", "20260101", "us-east-1", "s3"),
                "20260101T000000Z", "seed", PayloadMode.STREAMING_UNSIGNED_TRAILER);

        AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(body, verified);

        assertThat(new String(decoded.data(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(decoded.trailers()).containsEntry("x-amz-checksum-crc32", "NhCmhg==");
    }
}
