package dev.stepsolver.pipeline.synth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineResponse;

/**
 * The CodePipeline JSON wire shape, read and written by the AWS SDK itself: a real
 * {@link CodePipelineClient} over an in-memory HTTP client. Writing captures the body the SDK
 * would send for CreatePipeline (the shape {@code create-pipeline --cli-input-json} takes);
 * reading feeds the JSON back as a CreatePipeline response, whose members ({@code pipeline},
 * {@code tags}) are the request's. So the SDK's own marshaller and unmarshaller decide, and
 * anything the SDK model does not know is dropped, which {@link #roundTrip} exposes.
 */
public final class PipelineJson {

    private PipelineJson() {
    }

    /** The JSON the SDK sends for this CreatePipeline request (compact, SDK field order). */
    public static String write(CreatePipelineRequest request) {
        AtomicReference<String> sent = new AtomicReference<>();
        try (CodePipelineClient client = client(new InMemoryHttp("{}", sent))) {
            client.createPipeline(request);
        }
        return sent.get();
    }

    /** The request described by {@code json}, as the SDK unmarshals it. */
    public static CreatePipelineRequest read(String json) {
        CreatePipelineResponse response;
        try (CodePipelineClient client = client(new InMemoryHttp(json, new AtomicReference<>()))) {
            response = client.createPipeline(CreatePipelineRequest.builder().build());
        }
        CreatePipelineRequest.Builder request = CreatePipelineRequest.builder().pipeline(response.pipeline());
        if (response.hasTags()) {
            request.tags(response.tags());
        }
        return request.build();
    }

    /** Reads then writes again: equal trees mean nothing was lost on the way. */
    public static String roundTrip(String json) {
        return write(read(json));
    }

    private static CodePipelineClient client(SdkHttpClient http) {
        return CodePipelineClient.builder()
                .httpClient(http)
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://in-memory.invalid"))
                .build();
    }

    /** Answers every request with one canned body and remembers what was sent. */
    private record InMemoryHttp(String responseBody, AtomicReference<String> sent) implements SdkHttpClient {

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    Optional<software.amazon.awssdk.http.ContentStreamProvider> body = request.contentStreamProvider();
                    if (body.isPresent()) {
                        try (InputStream in = body.get().newStream()) {
                            sent.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                    byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", String.valueOf(bytes.length))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }

                @Override
                public void abort() {
                    // nothing in flight: the response is already in memory
                }
            };
        }

        @Override
        public String clientName() {
            return "in-memory";
        }

        @Override
        public void close() {
            // holds no resources
        }
    }
}
