package dev.stepsolver.emulator.http;

import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A route served before SigV4 routing, with its own authentication if any: the OCI registry
 * ({@code /v2/...}), the Lambda Runtime API, execute-api URLs, webhooks. Routes are tried in
 * registration order; the first whose {@link #matches} accepts the request handles it.
 */
public interface DataPlaneRoute {

    /** A cheap test on the request line and headers (the body is not read yet). */
    boolean matches(RequestHead head);

    /**
     * Handles the raw exchange, streaming the body if it wants to (large blobs, long polls). Runs
     * on a virtual thread: blocking is fine. Completes {@code callback} when done.
     */
    void handle(Request request, Response response, Callback callback) throws Exception;

    /** A route whose handler takes the whole (bounded) request and returns the whole response. */
    static DataPlaneRoute buffered(Predicate<RequestHead> matcher, Function<EdgeRequest, EdgeResponse> handler) {
        return new BufferedRoute(matcher, handler);
    }
}
