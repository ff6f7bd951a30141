package dev.stepsolver.lambda.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepsolver.lambda.SolverHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The warm handler, one invocation per operation, single thread: the API Gateway event's bytes
 * in, the proxy response's bytes out, so JSON parsing, event binding, the solve, response
 * serialisation and the log and metrics lines are all counted. Sampled, for the p50 and p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandlerBenchmark {

    /** The five contract equations (contract/TestCases.json). */
    static final List<String> CONTRACT = List.of(
            "7x - 2 = 19",
            "21( 4x + 3 ) + 6x - 9 = - 12( - 12x + 10 ) + 12",
            "x^2-1=0",
            "x^2+1=0",
            "x^3+2x^2-x-2=0");

    @State(Scope.Thread)
    public static class Invocation {
        @Param({"0", "1", "2", "3", "4"})
        public int index;

        final SolverHandler handler = new SolverHandler();
        final Context context = new QuietContext();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] restEvent;
        byte[] httpApiEvent;
        byte[] jsonRequestEvent;

        @Setup
        public void buildEvents() throws IOException {
            ObjectMapper mapper = new ObjectMapper();
            String equation = CONTRACT.get(index);
            restEvent = mapper.writeValueAsBytes(rest(mapper, equation));
            httpApiEvent = mapper.writeValueAsBytes(httpApi(mapper, equation));
            jsonRequestEvent = mapper.writeValueAsBytes(rest(mapper,
                    mapper.writeValueAsString(mapper.createObjectNode().put("equation", equation).put("format", "latex"))));
        }

        byte[] run(byte[] event) {
            out.reset();
            handler.handleRequest(new ByteArrayInputStream(event), out, context);
            return out.toByteArray();
        }
    }

    /** The classic contract through a REST API event: what the pipeline's integration suite sends. */
    @Benchmark
    public void contractRest(Invocation i, Blackhole bh) {
        bh.consume(i.run(i.restEvent));
    }

    /** The same through an HTTP API (payload 2.0) event. */
    @Benchmark
    public void contractHttpApi(Invocation i, Blackhole bh) {
        bh.consume(i.run(i.httpApiEvent));
    }

    /** A JSON request (LaTeX steps, the JSON object response). */
    @Benchmark
    public void jsonRequestLatex(Invocation i, Blackhole bh) {
        bh.consume(i.run(i.jsonRequestEvent));
    }

    static ObjectNode rest(ObjectMapper mapper, String body) {
        ObjectNode event = mapper.createObjectNode();
        event.put("resource", "/").put("path", "/").put("httpMethod", "POST");
        event.putObject("headers").put("Content-Type", "application/json").put("Host", "abc123.execute-api.us-east-1.amazonaws.com")
                .put("User-Agent", "PostmanRuntime/7.43.0").put("x-api-key", "0123456789abcdef")
                .put("X-Forwarded-For", "203.0.113.10").put("X-Forwarded-Proto", "https");
        event.putObject("multiValueHeaders").putArray("Content-Type").add("application/json");
        event.putNull("queryStringParameters");
        event.putObject("requestContext").put("resourceId", "r1").put("stage", "prod").put("requestId", "77375676-4b79")
                .put("httpMethod", "POST").put("path", "/prod/").put("apiId", "abc123").put("requestTimeEpoch", 1767225600000L)
                .putObject("identity").put("sourceIp", "203.0.113.10").put("apiKey", "0123456789abcdef");
        event.put("body", body).put("isBase64Encoded", false);
        return event;
    }

    static ObjectNode httpApi(ObjectMapper mapper, String body) {
        ObjectNode event = mapper.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", "/").put("rawQueryString", "");
        event.putObject("headers").put("content-type", "text/plain").put("host", "abc123.execute-api.us-east-1.amazonaws.com");
        event.putObject("requestContext").put("apiId", "abc123").put("requestId", "JKJaXmPLvHcESHA=").put("stage", "$default")
                .put("timeEpoch", 1767225600000L)
                .putObject("http").put("method", "POST").put("path", "/").put("protocol", "HTTP/1.1").put("sourceIp", "203.0.113.10");
        event.put("body", body).put("isBase64Encoded", false);
        return event;
    }

    /** A context whose logger drops the lines (writing them is the runtime's cost, not the handler's). */
    static final class QuietContext implements Context {
        private static final LambdaLogger DROP = new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };

        @Override
        public String getAwsRequestId() {
            return "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/stepsolver";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "stepsolver";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:stepsolver";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return DROP;
        }
    }
}
