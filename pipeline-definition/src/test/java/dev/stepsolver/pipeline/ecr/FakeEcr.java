package dev.stepsolver.pipeline.ecr;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/** ECR's GetAuthorizationToken: a base64 {@code AWS:password} token and the registry endpoint. */
public final class FakeEcr implements EcrClient {

    private final String token;
    private final String proxyEndpoint;

    public FakeEcr(String token, String proxyEndpoint) {
        this.token = token;
        this.proxyEndpoint = proxyEndpoint;
    }

    public static FakeEcr issuing(String password, String proxyEndpoint) {
        return new FakeEcr(Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)), proxyEndpoint);
    }

    @Override
    public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest request) {
        return GetAuthorizationTokenResponse.builder().authorizationData(AuthorizationData.builder()
                .authorizationToken(token).proxyEndpoint(proxyEndpoint).expiresAt(Instant.EPOCH.plusSeconds(43_200)).build())
                .build();
    }

    @Override
    public String serviceName() {
        return "ecr";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
