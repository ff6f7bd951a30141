package dev.stepsolver.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Raw HTTP requests signed by the AWS SDK's own SigV4 signer: for protocols no SDK v2 client
 * speaks (CloudWatch JSON 1.0 and CBOR), and as an independent check of the emulator's verifier.
 */
public final class SignedHttp {

    /** Headers java.net.http sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private SignedHttp() {
    }

    public static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, String service, String accessKey,
            String secret, Instant at) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request();
    }

    /** Sends a POST signed for {@code service} with test/test credentials. */
    public static HttpResponse<byte[]> post(URI endpoint, String path, Map<String, String> headers, byte[] body,
            String service) throws IOException, InterruptedException {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().uri(endpoint.resolve(path)).method(SdkHttpMethod.POST);
        headers.forEach(builder::putHeader);
        SdkHttpRequest signed = sign(builder.build(), body, service, "test", "test", Instant.now());
        return send(signed, body);
    }

    public static HttpResponse<byte[]> send(SdkHttpRequest signed, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.getUri())
                .method(signed.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> http.header(header.getKey(), value));
            }
        }
        return CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request without any signature. */
    public static HttpResponse<byte[]> unsigned(URI uri, String method, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(http::header);
        return CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
