package dev.stepsolver.lambda.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's content run the way Lambda's Java base image (and the emulator) run it: the Jib
 * tarball unpacked, a JVM with /var/task and /var/task/lib/* on the classpath, the real runtime
 * interface client as main class with the image's CMD as argument and its JAVA_TOOL_OPTIONS,
 * talking to a Runtime API served by this test.
 */
class RuntimeInterfaceClientIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long WAIT_SECONDS = 60;

    @TempDir
    static Path work;

    private static RuntimeApiServer runtimeApi;
    private static Process runtime;
    private static Path stdout;
    private static Path stderr;

    @BeforeAll
    static void startTheImageUnderTheRuntimeInterfaceClient() throws Exception {
        OciImage image = OciImage.read(ImageFiles.tarball());
        Path root = work.resolve("rootfs");
        image.extractTo(root);
        Path taskRoot = root.resolve(image.workingDir().substring(1));
        String ric = Files.readString(ImageFiles.ricClasspath()).strip();

        runtimeApi = new RuntimeApiServer();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", taskRoot + File.pathSeparator + taskRoot.resolve("lib") + File.separator + "*" + File.pathSeparator + ric,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"));
        command.addAll(image.cmd());
        stdout = work.resolve("stdout.log");
        stderr = work.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(image.env());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", image.cmd().get(0));
        env.put("AWS_LAMBDA_FUNCTION_NAME", "stepsolver");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_REGION", "us-east-1");
        runtime = builder.start();

        // Started when it first asks for work; skipped (not failed) only if its JNI library cannot load here.
        CompletableFuture<Object> started = CompletableFuture.anyOf(runtimeApi.firstPoll(), runtime.onExit());
        started.get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (!runtimeApi.firstPoll().isDone()) {
            String errors = Files.readString(stderr);
            Assumptions.assumeFalse(errors.contains("UnsatisfiedLinkError") || errors.contains("libaws-lambda-jni"),
                    "the runtime interface client's native library does not load on this platform:\n" + errors);
            throw new AssertionError("the runtime exited before asking for work:\n" + errors + Files.readString(stdout));
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (runtime != null) {
            runtime.destroy();
            if (!runtime.waitFor(10, TimeUnit.SECONDS)) {
                runtime.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
    }

    record Case(String description, String equation, List<String> solution) {
    }

    private static JsonNode invoke(byte[] event) throws Exception {
        RuntimeApiServer.Result result;
        try {
            result = runtimeApi.invoke(event).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("no answer from the runtime; its stderr:\n" + Files.readString(stderr), e);
        }
        assertThat(result.error()).as("the runtime reported a function error: %s", result.body()).isFalse();
        return MAPPER.readTree(result.body());
    }

    private static byte[] restEvent(String body) throws IOException {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("resource", "/").put("path", "/").put("httpMethod", "POST");
        event.putObject("headers").put("Content-Type", "text/plain");
        event.putObject("requestContext").put("requestId", "api-1").put("stage", "prod");
        event.put("body", body).put("isBase64Encoded", false);
        return MAPPER.writeValueAsBytes(event);
    }

    @Test
    void theFiveContractCasesAreAnsweredWithTheClassicSteps() throws Exception {
        List<Case> cases;
        try (InputStream in = getClass().getResourceAsStream("/contract/TestCases.json")) {
            cases = MAPPER.readValue(in, new TypeReference<List<Case>>() {});
        }
        assertThat(cases).hasSize(5);
        for (Case c : cases) {
            JsonNode response = invoke(restEvent(c.equation()));

            assertThat(response.path("statusCode").asInt()).as(c.description()).isEqualTo(200);
            assertThat(MAPPER.readValue(response.path("body").asText(), new TypeReference<List<String>>() {}))
                    .as(c.description()).containsExactlyElementsOf(c.solution());
        }
    }

    @Test
    void anEventThatIsNotJsonGetsAWellFormed400AndNoFunctionError() throws Exception {
        JsonNode response = invoke("this is not an event".getBytes(StandardCharsets.UTF_8));

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(response.path("body").asText()).startsWith("Equation: \n\nMalformed event");
    }

    @Test
    void theHandlersLogLineAndMetricsReachTheRuntimesLog() throws Exception {
        invoke(restEvent("x = = 1"));

        // The runtime writes each log call to standard output; the file catches up within the wait.
        org.awaitility.Awaitility.await().atMost(WAIT_SECONDS, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(Files.readString(stdout)).contains("\"outcome\":\"invalid_equation\"").contains("\"SolveErrors\":1"));
    }

    @Test
    void theImagesJvmOptionsAreTheOnesTheJvmRanWith() throws Exception {
        invoke(restEvent("7x = 21"));

        assertThat(Files.readString(stderr)).contains("Picked up JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    }
}
