package dev.stepsolver.emulator.http;

import dev.stepsolver.emulator.protocol.EdgeRequest;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Adapts a whole-request, whole-response function to a {@link DataPlaneRoute}. */
final class BufferedRoute implements DataPlaneRoute {

    private final Predicate<RequestHead> matcher;
    private final Function<EdgeRequest, EdgeResponse> handler;

    BufferedRoute(Predicate<RequestHead> matcher, Function<EdgeRequest, EdgeResponse> handler) {
        this.matcher = matcher;
        this.handler = handler;
    }

    @Override
    public boolean matches(RequestHead head) {
        return matcher.test(head);
    }

    @Override
    public void handle(Request request, Response response, Callback callback) throws Exception {
        RequestHead head = JettyExchange.head(request);
        byte[] body = JettyExchange.readBody(request, JettyExchange.MAX_BODY_BYTES);
        JettyExchange.write(handler.apply(new EdgeRequest(head, body)), request, response, callback);
    }
}
