package dev.stepsolver.emulator.apigateway;

import dev.stepsolver.emulator.auth.AuthFailure;
import dev.stepsolver.emulator.auth.CredentialScope;
import dev.stepsolver.emulator.http.DataPlaneRoute;
import dev.stepsolver.emulator.http.JettyExchange;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The execute-api URLs on the emulator's port, in the three forms clients written for LocalStack
 * or Floci use:
 * <ul>
 * <li>{@code /_aws/execute-api/{apiId}/{stage}/{path}}</li>
 * <li>Host {@code {apiId}.execute-api.localhost[:port]} with {@code /{stage}/{path}}</li>
 * <li>{@code /restapis/{apiId}/{stage}/_user_request_/{path}}</li>
 * </ul>
 * The last shares its prefix with the control plane ({@code /restapis/...}): control-plane calls are
 * SigV4-signed for {@code apigateway}, so a request signed that way is never taken here.
 */
final class ExecuteApiRoute implements DataPlaneRoute {

    static final String PATH_PREFIX = "/_aws/execute-api/";
    static final String HOST_SUFFIX = ".execute-api.localhost";
    private static final String USER_REQUEST = "_user_request_";

    private final ExecuteApi executeApi;

    ExecuteApiRoute(ExecuteApi executeApi) {
        this.executeApi = executeApi;
    }

    /** Which API, which stage, which path: the request's target, from whichever URL form it used. */
    record Target(String apiId, String stage, String rawPath) {
    }

    @Override
    public boolean matches(RequestHead head) {
        String path = head.rawPath();
        if (path.startsWith(PATH_PREFIX)) {
            return true;
        }
        boolean userRequest = path.startsWith("/restapis/") && segment(path, 4).equals(USER_REQUEST);
        boolean byHost = head.hostName().map(h -> h.toLowerCase(Locale.ROOT).endsWith(HOST_SUFFIX)).orElse(false);
        return (userRequest || byHost) && !signedForControlPlane(head);
    }

    @Override
    public void handle(Request request, Response response, Callback callback) throws Exception {
        RequestHead head = JettyExchange.head(request);
        Optional<Target> target = target(head);
        Optional<byte[]> body = JettyExchange.readBodyUpTo(request, ExecuteApi.MAX_BODY_BYTES);
        ExecuteApi.ApiResponse answer;
        if (target.isEmpty()) {
            answer = missingStage();
        } else {
            Target t = target.get();
            answer = executeApi.execute(new ExecuteApi.ApiRequest(t.apiId(), t.stage(), head.method(), t.rawPath(),
                    head.rawQuery(), head.headers(), body, Request.getRemoteAddr(request),
                    request.getConnectionMetaData().getProtocol()));
        }
        JettyExchange.write(new EdgeResponse(answer.status(), answer.headers(), new EdgeResponse.Bytes(answer.body())),
                request, response, callback);
    }

    /** The target of a request in any of the three forms; empty when the URL names no stage. */
    static Optional<Target> target(RequestHead head) {
        String path = head.rawPath();
        if (path.startsWith(PATH_PREFIX)) {
            return apiStagePath(path.substring(PATH_PREFIX.length()));
        }
        if (path.startsWith("/restapis/") && segment(path, 4).equals(USER_REQUEST)) {
            String apiId = segment(path, 2);
            String stage = segment(path, 3);
            String prefix = "/restapis/" + apiId + "/" + stage + "/" + USER_REQUEST;
            return Optional.of(new Target(apiId, stage, rest(path.substring(prefix.length()))));
        }
        String host = head.hostName().orElse("").toLowerCase(Locale.ROOT);
        if (host.endsWith(HOST_SUFFIX) && host.length() > HOST_SUFFIX.length()) {
            String apiId = host.substring(0, host.length() - HOST_SUFFIX.length());
            return stagePath(apiId, path);
        }
        return Optional.empty();
    }

    /** {@code {apiId}/{stage}[/rest]}. */
    private static Optional<Target> apiStagePath(String tail) {
        int slash = tail.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String apiId = tail.substring(0, slash);
        String afterApi = tail.substring(slash + 1);
        int next = afterApi.indexOf('/');
        String stage = next < 0 ? afterApi : afterApi.substring(0, next);
        if (stage.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(apiId, stage, rest(next < 0 ? "" : afterApi.substring(next))));
    }

    /** {@code /{stage}[/rest]} under an API named by the host. */
    private static Optional<Target> stagePath(String apiId, String path) {
        String tail = path.startsWith("/") ? path.substring(1) : path;
        int next = tail.indexOf('/');
        String stage = next < 0 ? tail : tail.substring(0, next);
        if (stage.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(apiId, stage, rest(next < 0 ? "" : tail.substring(next))));
    }

    private static String rest(String path) {
        return path.isEmpty() ? "/" : path;
    }

    /** The {@code index}-th segment of {@code /a/b/c} (1-based: segment 1 is {@code a}); empty when absent. */
    private static String segment(String path, int index) {
        String[] parts = path.split("/", index + 2);
        return parts.length > index ? parts[index] : "";
    }

    private static boolean signedForControlPlane(RequestHead head) {
        try {
            return CredentialScope.of(head).map(scope -> scope.service().equals("apigateway")).orElse(false);
        } catch (AuthFailure malformed) {
            return false;
        }
    }

    private static ExecuteApi.ApiResponse missingStage() {
        GatewayResponse missing = GatewayResponse.MISSING_AUTHENTICATION_TOKEN;
        return new ExecuteApi.ApiResponse(missing.status(), dev.stepsolver.emulator.protocol.HttpHeaders.builder()
                .set("Content-Type", "application/json")
                .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
                .set("x-amzn-ErrorType", missing.errorType())
                .build(), missing.body());
    }
}
