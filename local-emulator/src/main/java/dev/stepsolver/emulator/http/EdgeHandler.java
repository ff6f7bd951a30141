package dev.stepsolver.emulator.http;

import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.ErrorRenderer;
import dev.stepsolver.emulator.protocol.RequestHead;
import dev.stepsolver.emulator.protocol.RequestIds;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The edge: data-plane routes first, then SigV4-routed AWS services. */
final class EdgeHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeHandler.class);

    private static final Duration READY_LIMIT = Duration.ofSeconds(30);

    private final ServiceRegistry registry;
    private final AwsRouter router;

    EdgeHandler(ServiceRegistry registry, AwsRouter router) {
        super(InvocationType.BLOCKING);
        this.registry = registry;
        this.router = router;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestHead head = JettyExchange.head(request);
        try {
            if (!registry.awaitReady(READY_LIMIT)) {
                JettyExchange.write(ErrorRenderer.restJson(new AwsException("ServiceUnavailable",
                        "The emulator is still starting.", 503), RequestIds.newRequestId()), request, response, callback);
                return true;
            }
            for (DataPlaneRoute route : registry.routes()) {
                if (route.matches(head)) {
                    route.handle(request, response, callback);
                    return true;
                }
            }
            byte[] body = JettyExchange.readBody(request, JettyExchange.MAX_BODY_BYTES);
            JettyExchange.write(router.route(new EdgeRequest(head, body)), request, response, callback);
        } catch (BodyTooLargeException e) {
            JettyExchange.write(ErrorRenderer.restXml(AwsException.badRequest("EntityTooLarge", e.getMessage()),
                    RequestIds.newS3RequestId(), RequestIds.newS3ExtendedId(), false), request, response, callback);
        } catch (Exception e) {
            // Never a stack trace to the caller: log it, answer 500.
            LOG.error("Unhandled failure on {} {}", head.method(), head.rawPath(), e);
            if (!response.isCommitted()) {
                JettyExchange.write(ErrorRenderer.restJson(new AwsException("InternalFailure",
                        "The server encountered an internal error.", 500), RequestIds.newRequestId()),
                        request, response, callback);
            } else {
                callback.failed(e);
            }
        }
        return true;
    }
}
