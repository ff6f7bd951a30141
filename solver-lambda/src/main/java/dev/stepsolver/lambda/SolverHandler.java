package dev.stepsolver.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.lambda.Interpretation.Preflight;
import dev.stepsolver.lambda.Interpretation.Rejected;
import dev.stepsolver.lambda.Interpretation.Solve;
import dev.stepsolver.lambda.SolveRequest.Reply;
import dev.stepsolver.solver.Options;
import dev.stepsolver.solver.Solution;
import dev.stepsolver.solver.Solver;
import dev.stepsolver.solver.SolverException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The solver API's Lambda handler, {@code dev.stepsolver.lambda.SolverHandler::handleRequest}.
 *
 * <p>A stream handler, so that every event reaches this code, readable or not, and every
 * invocation returns a well-formed API Gateway proxy response: payload 1.0 (REST API) events get
 * an {@code APIGatewayProxyResponseEvent}, payload 2.0 (HTTP API) events an
 * {@code APIGatewayV2HTTPResponse}. Nothing is thrown to the runtime; no response carries a stack
 * trace. See the module's README for the request and response contract.
 */
public final class SolverHandler implements RequestStreamHandler {

    /** Written when even the error response cannot be serialised. */
    private static final byte[] LAST_RESORT = ("{\"statusCode\":500,\"headers\":{\"Content-Type\":\"text/plain; charset=utf-8\","
            + "\"Access-Control-Allow-Origin\":\"*\",\"Access-Control-Allow-Credentials\":\"true\"},"
            + "\"body\":\"Internal error\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);

    private final EventCodec codec;
    private final RequestReader reader;
    private final Responses responses;
    private final Telemetry telemetry;
    private final LongSupplier nanoTime;
    private final PrintStream fallbackLog;
    private final SolveFunction solver;

    /** The solver as the handler calls it; tests put a faulty one in its place. */
    @FunctionalInterface
    interface SolveFunction {
        Solution solve(String equation, Options options) throws SolverException;
    }

    /** The runtime's constructor: system clock, logs through the context logger. */
    public SolverHandler() {
        this(Clock.systemUTC(), System::nanoTime, System.out, Solver::solve);
    }

    /**
     * @param clock       timestamps of log lines and metrics
     * @param nanoTime    durations
     * @param fallbackLog where log lines go when the invocation has no context logger
     * @param solver      {@link Solver#solve(String, Options)}
     */
    SolverHandler(Clock clock, LongSupplier nanoTime, PrintStream fallbackLog, SolveFunction solver) {
        ObjectMapper mapper = new ObjectMapper();
        this.codec = new EventCodec(mapper);
        this.reader = new RequestReader(mapper);
        this.responses = new Responses(mapper);
        this.telemetry = new Telemetry(mapper, clock);
        this.nanoTime = nanoTime;
        this.fallbackLog = fallbackLog;
        this.solver = solver;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        long start = nanoTime.getAsLong();
        String requestId = requestId(context);
        Handled handled;
        try {
            handled = handle(input, requestId);
        } catch (Exception | StackOverflowError e) {
            handled = Handled.fault(PayloadVersion.V1, Optional.empty(), 0, OptionalLong.empty(), e,
                    responses.internalError(Reply.CLASSIC, requestId));
        }
        byte[] bytes;
        try {
            bytes = codec.write(handled.version(), handled.response());
        } catch (Exception | StackOverflowError e) {
            bytes = LAST_RESORT;
        }
        try {
            output.write(bytes);
            output.flush();
        } catch (IOException e) {
            // The runtime's stream is gone: nothing can reach the caller; the log line says so.
            handled = handled.withDetail("response not written: " + e.getClass().getSimpleName());
        }
        log(context, new Telemetry.Invocation(requestId, handled.apiRequestId(), handled.version(), handled.method(),
                handled.outcome(), handled.inputLength(), nanoTime.getAsLong() - start, handled.solveNanos(),
                handled.detail()));
    }

    private Handled handle(InputStream input, String requestId) throws IOException {
        byte[] event = input.readNBytes(RequestLimits.MAX_EVENT_BYTES + 1);
        if (event.length > RequestLimits.MAX_EVENT_BYTES) {
            Rejected rejected = new Rejected(Outcome.PAYLOAD_TOO_LARGE, "The event is larger than "
                    + RequestLimits.MAX_EVENT_BYTES + " bytes", Reply.CLASSIC, "", event.length);
            return Handled.rejected(PayloadVersion.V1, Optional.empty(), Optional.empty(), rejected,
                    responses.rejected(rejected));
        }
        ApiRequest request;
        try {
            request = codec.read(event);
        } catch (EventCodec.MalformedEvent e) {
            Rejected rejected = new Rejected(Outcome.BAD_REQUEST, e.getMessage(), Reply.CLASSIC, "", 0);
            return Handled.rejected(PayloadVersion.V1, Optional.empty(), Optional.empty(), rejected,
                    responses.rejected(rejected));
        }
        Interpretation interpretation = reader.read(request);
        return switch (interpretation) {
            case Preflight p -> new Handled(request.version(), request.apiRequestId(), request.method(), Outcome.PREFLIGHT,
                    0, OptionalLong.empty(), Optional.empty(), responses.preflight());
            case Rejected r -> Handled.rejected(request.version(), request.apiRequestId(), request.method(), r,
                    responses.rejected(r));
            case Solve s -> solve(request, s, requestId);
        };
    }

    private Handled solve(ApiRequest request, Solve solve, String requestId) {
        SolveRequest asked = solve.request();
        long start = nanoTime.getAsLong();
        try {
            Solution solution = solver.solve(asked.equation(), asked.options());
            ApiResponse response = switch (asked.reply()) {
                case CLASSIC -> responses.classicSteps(solution);
                case JSON -> responses.jsonSolution(solution, asked);
            };
            return new Handled(request.version(), request.apiRequestId(), request.method(), Outcome.SOLVED,
                    solve.inputLength(), OptionalLong.of(nanoTime.getAsLong() - start), Optional.empty(), response);
        } catch (SolverException e) {
            ApiResponse response;
            try {
                response = responses.invalidEquation(asked, e);
            } catch (Exception serialisation) {
                return Handled.fault(request.version(), request.method(), solve.inputLength(),
                        OptionalLong.of(nanoTime.getAsLong() - start), serialisation,
                        responses.internalError(asked.reply(), requestId)).withApiRequestId(request.apiRequestId());
            }
            return new Handled(request.version(), request.apiRequestId(), request.method(), Outcome.INVALID_EQUATION,
                    solve.inputLength(), OptionalLong.of(nanoTime.getAsLong() - start), Optional.ofNullable(e.getMessage()),
                    response);
        } catch (Exception | StackOverflowError e) {
            return Handled.fault(request.version(), request.method(), solve.inputLength(),
                    OptionalLong.of(nanoTime.getAsLong() - start), e, responses.internalError(asked.reply(), requestId))
                    .withApiRequestId(request.apiRequestId());
        }
    }

    private void log(Context context, Telemetry.Invocation invocation) {
        try {
            LambdaLogger logger = context == null ? null : context.getLogger();
            for (String line : telemetry.lines(invocation)) {
                if (logger != null) {
                    logger.log(line + "\n");
                } else {
                    fallbackLog.println(line);
                }
            }
        } catch (Exception e) {
            // Logging must never turn an answered request into a failed invocation.
            fallbackLog.println("{\"level\":\"ERROR\",\"message\":\"log line not written\"}");
        }
    }

    private static String requestId(Context context) {
        String id = context == null ? null : context.getAwsRequestId();
        return id == null || id.isBlank() ? "unknown" : id;
    }

    /** Everything known about an invocation once it has a response. */
    private record Handled(PayloadVersion version, Optional<String> apiRequestId, Optional<String> method,
                           Outcome outcome, int inputLength, OptionalLong solveNanos, Optional<String> detail,
                           ApiResponse response) {

        static Handled rejected(PayloadVersion version, Optional<String> apiRequestId, Optional<String> method,
                                Rejected rejected, ApiResponse response) {
            return new Handled(version, apiRequestId, method, rejected.outcome(), rejected.inputLength(),
                    OptionalLong.empty(), Optional.of(rejected.message()), response);
        }

        static Handled fault(PayloadVersion version, Optional<String> method, int inputLength,
                             OptionalLong solveNanos, Throwable fault, ApiResponse response) {
            String detail = fault.getClass().getName() + (fault.getMessage() == null ? "" : ": " + fault.getMessage());
            return new Handled(version, Optional.empty(), method, Outcome.INTERNAL_ERROR, inputLength, solveNanos,
                    Optional.of(detail), response);
        }

        Handled withDetail(String more) {
            return new Handled(version, apiRequestId, method, outcome, inputLength, solveNanos,
                    Optional.of(detail.map(d -> d + "; ").orElse("") + more), response);
        }

        Handled withApiRequestId(Optional<String> id) {
            return new Handled(version, id, method, outcome, inputLength, solveNanos, detail, response);
        }
    }
}
