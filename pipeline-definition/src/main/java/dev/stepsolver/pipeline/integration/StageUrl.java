package dev.stepsolver.pipeline.integration;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The invoke URL of a REST API stage. One template serves AWS and the emulator, so the URL is
 * built here: with {@code AWS_ENDPOINT_URL} set (the emulator) it is the LocalStack-style path
 * {@code {endpoint}/_aws/execute-api/{apiId}/{stage}/}; otherwise AWS's
 * {@code https://{apiId}.execute-api.{region}.amazonaws.com/{stage}/}.
 */
public final class StageUrl {

    private StageUrl() {
    }

    public static URI of(String restApiId, String stage, Map<String, String> environment, Optional<String> region) {
        String endpoint = environment.getOrDefault("AWS_ENDPOINT_URL", "");
        if (!endpoint.isBlank()) {
            String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            return URI.create(base + "/_aws/execute-api/" + restApiId + "/" + stage + "/");
        }
        String r = region.orElseThrow(() -> new IllegalArgumentException(
                "no region: set AWS_REGION (or pass --url) to build the stage URL"));
        return URI.create("https://" + restApiId + ".execute-api." + r + ".amazonaws.com/" + stage + "/");
    }
}
