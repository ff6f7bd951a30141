package dev.stepsolver.emulator.lambda.runtime;

import dev.stepsolver.emulator.http.DataPlaneRoute;
import dev.stepsolver.emulator.http.JettyExchange;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import dev.stepsolver.emulator.protocol.RequestHead;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Lambda Runtime API (2018-06-01) for the function processes, on the emulator's port under
 * {@code /_emulator/lambda/runtime/<instance id>/}: the Runtime Interface Client takes a host, port
 * and path prefix in {@code AWS_LAMBDA_RUNTIME_API} and appends {@code /2018-06-01/runtime/...}, so the
 * path says which instance is speaking.
 */
public final class RuntimeApiRoute implements DataPlaneRoute {

    /** Lambda's synchronous response limit. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    private static final String API = "/2018-06-01/runtime/";

    private final FunctionRuntime runtime;

    public RuntimeApiRoute(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean matches(RequestHead head) {
        return head.rawPath().startsWith(FunctionRuntime.RUNTIME_API_PREFIX);
    }

    @Override
    public void handle(Request request, Response response, Callback callback) throws Exception {
        RequestHead head = JettyExchange.head(request);
        String rest = head.rawPath().substring(FunctionRuntime.RUNTIME_API_PREFIX.length());
        int slash = rest.indexOf('/');
        Optional<Instance> instance = slash < 0 ? Optional.empty() : runtime.instance(rest.substring(0, slash));
        if (instance.isEmpty() || !rest.startsWith(API, slash)) {
            JettyExchange.write(status(404, "UnknownInstance", "No execution environment at this address."),
                    request, response, callback);
            return;
        }
        String call = rest.substring(slash + API.length());
        JettyExchange.write(answer(instance.get(), call, head, request), request, response, callback);
    }

    private EdgeResponse answer(Instance instance, String call, RequestHead head, Request request) throws Exception {
        if (call.equals("invocation/next") && head.method().equals("GET")) {
            Optional<Invocation> next = instance.awaitNext();
            if (next.isEmpty()) {
                return status(410, "EnvironmentStopping", "The execution environment is being stopped.");
            }
            Invocation invocation = next.get();
            return EdgeResponse.status(200)
                    .header("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
                    .header("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.handedOff.join()))
                    .header("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn)
                    .header("Lambda-Runtime-Trace-Id", traceId())
                    // the native client reads the content type unconditionally: it must be there
                    .body(invocation.payload, "application/json")
                    .build();
        }
        if (!head.method().equals("POST")) {
            return status(405, "MethodNotAllowed", "The method is not allowed here.");
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
        }
        if (call.equals("init/error")) {
            String type = head.header("Lambda-Runtime-Function-Error-Type").orElse("Runtime.Unknown");
            instance.initError(new Outcome.InitError(type, body));
            return accepted();
        }
        if (call.startsWith("invocation/")) {
            String[] parts = call.split("/");
            if (parts.length == 3 && (parts[2].equals("response") || parts[2].equals("error"))) {
                Outcome outcome;
                if (parts[2].equals("error")) {
                    outcome = new Outcome.HandlerError(head.header("Lambda-Runtime-Function-Error-Type")
                            .orElse("Unhandled"), body);
                } else if (body.length > MAX_RESPONSE_BYTES) {
                    outcome = new Outcome.HandlerError("Function.ResponseSizeTooLarge", FunctionRuntime.error(
                            "Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload"
                                    + " size (" + MAX_RESPONSE_BYTES + " bytes)."));
                } else {
                    outcome = new Outcome.Success(body);
                }
                if (!instance.complete(parts[1], outcome)) {
                    return status(400, "InvalidRequestID", "Invalid request ID");
                }
                return body.length > MAX_RESPONSE_BYTES && parts[2].equals("response")
                        ? status(413, "RequestEntityTooLarge", "Exceeded maximum allowed payload size ("
                                + MAX_RESPONSE_BYTES + " bytes).")
                        : accepted();
            }
        }
        return status(404, "UnknownCall", "No such Runtime API call.");
    }

    private static EdgeResponse accepted() {
        return EdgeResponse.status(202).body("{\"status\":\"OK\"}", "application/json").build();
    }

    private static EdgeResponse status(int code, String type, String message) {
        return EdgeResponse.status(code).body(("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}")
                .getBytes(StandardCharsets.UTF_8), "application/json").build();
    }

    /** An X-Ray trace header: {@code Root=1-<epoch seconds hex>-<96 random bits>;Parent=...;Sampled=0}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }
}
