package dev.stepsolver.emulator.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.stepsolver.emulator.lambda.handler.lib.Greeting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The handler in the test image (run by the Runtime Interface Client in a function process). The
 * event's {@code action} says what to do: echo its surroundings, throw, hang, exit, or hold until a
 * file appears; a function whose FAIL_EVERY_INVOCATION variable is {@code true} always throws (a bad
 * version to deploy).
 */
public final class TestHandler {

    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) throws Exception {
        String action = String.valueOf(event.getOrDefault("action", "echo"));
        if ("true".equals(System.getenv("FAIL_EVERY_INVOCATION"))) {
            throw new IllegalStateException("this version always fails");
        }
        switch (action) {
            case "fail" -> throw new IllegalStateException("boom: " + event.get("message"));
            case "exit" -> Runtime.getRuntime().halt(3);
            case "hang" -> {
                if (event.containsKey("childPidFile")) {
                    Process child = new ProcessBuilder("sleep", "600").start();
                    Files.writeString(Path.of(String.valueOf(event.get("childPidFile"))), Long.toString(child.pid()));
                }
                new CountDownLatch(1).await();
            }
            case "hold" -> hold(event);
            default -> {
                // echo
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("function", context.getFunctionName());
        out.put("version", context.getFunctionVersion());
        out.put("invokedArn", context.getInvokedFunctionArn());
        out.put("requestId", context.getAwsRequestId());
        out.put("remainingMillis", context.getRemainingTimeInMillis());
        out.put("memory", context.getMemoryLimitInMB());
        out.put("greeting", Greeting.text());
        out.put("pid", ProcessHandle.current().pid());
        out.put("marker", System.getenv("MARKER"));
        out.put("javaToolOptions", System.getenv("JAVA_TOOL_OPTIONS"));
        out.put("region", System.getenv("AWS_REGION"));
        out.put("handler", System.getenv("_HANDLER"));
        out.put("input", event);
        return out;
    }

    /** Marks that it started, then waits (bounded) for the release file. */
    private static void hold(Map<String, Object> event) throws IOException, InterruptedException {
        Files.writeString(Path.of(String.valueOf(event.get("startedFile"))), "started");
        Path release = Path.of(String.valueOf(event.get("releaseFile")));
        for (int i = 0; i < 3000 && !Files.exists(release); i++) {
            Thread.sleep(20);
        }
    }
}
