package dev.stepsolver.pipeline.ecr;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;

/** Gets registry credentials from ECR's GetAuthorizationToken: no AWS CLI, no Docker. */
public final class EcrLogin {

    private final EcrClient ecr;

    public EcrLogin(EcrClient ecr) {
        this.ecr = ecr;
    }

    public RegistryCredentials credentials() throws EcrLoginException {
        GetAuthorizationTokenResponse response;
        try {
            response = ecr.getAuthorizationToken(r -> { });
        } catch (SdkException e) {
            throw new EcrLoginException("ECR GetAuthorizationToken failed: " + e.getMessage());
        }
        if (!response.hasAuthorizationData() || response.authorizationData().isEmpty()) {
            throw new EcrLoginException("ECR GetAuthorizationToken returned no authorization data");
        }
        AuthorizationData data = response.authorizationData().getFirst();
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new EcrLoginException("ECR returned an authorization token that is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new EcrLoginException("ECR returned an authorization token that is not user:password");
        }
        return new RegistryCredentials(registryHost(data.proxyEndpoint()), decoded.substring(0, colon),
                decoded.substring(colon + 1));
    }

    /** {@code https://123.dkr.ecr.us-east-1.amazonaws.com} → {@code 123.dkr.ecr.us-east-1.amazonaws.com}. */
    public static String registryHost(String endpointOrUri) {
        if (endpointOrUri == null || endpointOrUri.isBlank()) {
            return "";
        }
        String s = endpointOrUri.contains("://") ? endpointOrUri : "//" + endpointOrUri;
        URI uri = URI.create(s);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** ECR could not be asked or answered nonsense. */
    public static final class EcrLoginException extends Exception {
        public EcrLoginException(String message) {
            super(message);
        }
    }
}
