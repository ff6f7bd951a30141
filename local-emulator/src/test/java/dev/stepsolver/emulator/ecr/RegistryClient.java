package dev.stepsolver.emulator.ecr;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Plain HTTP calls to the emulator's registry, with or without the ECR password. */
final class RegistryClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final Optional<String> authorization;

    RegistryClient(URI endpoint, Optional<String> authorizationToken) {
        this.endpoint = endpoint;
        this.authorization = authorizationToken.map(token -> "Basic " + token);
    }

    static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> send(String method, String pathOrUrl, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : endpoint.resolve(pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body.length == 0 && !method.equals("PUT") && !method.equals("PATCH")
                        && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        authorization.ifPresent(value -> request.header("Authorization", value));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send("GET", path, new byte[0], Map.of());
    }

    /** Uploads a blob in one POST, as clients do for small blobs. */
    HttpResponse<byte[]> pushBlob(String repository, byte[] bytes) throws IOException, InterruptedException {
        return send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + Digest.of(bytes), bytes,
                Map.of("Content-Type", "application/octet-stream"));
    }
}
