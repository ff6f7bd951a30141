package dev.stepsolver.emulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.SignedHttp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The REST binding later REST-JSON services (Lambda, API Gateway) build on, exercised with S3's
 * models, whose members are bound to path labels, headers and query parameters.
 */
class RestJsonEndpointTest {

    private LocalEmulator emulator;

    @BeforeEach
    void start() {
        emulator = LocalEmulator.builder().port(0)
                .module((context, registry) -> registry.addEndpoint(new RestJsonEndpoint("testrest", () -> List.of(
                        RestJsonEndpoint.route("GET", "/buckets/{Bucket}/objects/{Key+}", "Describe", 200,
                                GetObjectRequest::builder, (GetObjectRequest in, AwsCall call) ->
                                        HeadObjectResponse.builder()
                                                .eTag(in.bucket() + "|" + in.key() + "|" + in.range() + "|"
                                                        + in.partNumber())
                                                .lastModified(Instant.parse("2026-01-01T00:00:00Z"))
                                                .build())))))
                .build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpResponse<byte[]> get(String pathAndQuery, Map<String, String> headers) throws Exception {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().uri(emulator.endpoint().resolve(pathAndQuery))
                .method(SdkHttpMethod.GET);
        headers.forEach(builder::putHeader);
        return SignedHttp.send(SignedHttp.sign(builder.build(), new byte[0], "testrest", "test", "test",
                Instant.now()), new byte[0]);
    }

    @Test
    void pathLabelsHeadersAndQueryParametersBindToTheRequestModel() throws Exception {
        HttpResponse<byte[]> response = get("/buckets/b1/objects/dir/file%20name.txt?partNumber=3",
                Map.of("Range", "bytes=0-9"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("b1|dir/file name.txt|bytes=0-9|3");
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void aPathNoRouteMatchesIsAnUnknownOperation() throws Exception {
        HttpResponse<byte[]> response = get("/nothing/here", Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void aTemplateMatchesLabelsAndAGreedyTail() {
        PathTemplate template = PathTemplate.of("/2015-03-31/functions/{FunctionName}/invocations");

        assertThat(template.match("/2015-03-31/functions/solver%3Aprod/invocations"))
                .hasValue(Map.of("FunctionName", "solver:prod"));
        assertThat(template.match("/2015-03-31/functions//invocations")).isEmpty();
        assertThat(PathTemplate.of("/{Bucket}/{Key+}").match("/b/a/b/c")).hasValue(Map.of("Bucket", "b", "Key", "a/b/c"));
    }
}
