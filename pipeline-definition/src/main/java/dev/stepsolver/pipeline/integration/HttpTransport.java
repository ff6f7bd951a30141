package dev.stepsolver.pipeline.integration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one request to the stage. */
@FunctionalInterface
public interface HttpTransport {

    Response post(URI url, String body, String apiKey) throws IOException, InterruptedException;

    record Response(int status, String body) {
    }

    /** The JDK's HTTP client with bounded connect and request timeouts. */
    static HttpTransport jdk(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        return (url, body, apiKey) -> {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("x-api-key", apiKey)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        };
    }
}
