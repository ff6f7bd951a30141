package dev.stepsolver.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepsolver.emulator.codepipeline.ActionExecutionRecord;
import dev.stepsolver.emulator.codepipeline.ExecutionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every end-to-end scenario shares: a fresh {@link LocalPipeline} on an empty emulator (the
 * project's synthesized template, its own buildspecs, a local git repository of the current sources),
 * the scenario's commit, and ways to look at the result the way a user would.
 */
final class Scenario implements AutoCloseable {

    /** The longest a whole execution may take, real Maven builds included (150 s is the target). */
    static final Duration EXECUTION_LIMIT = Duration.ofMinutes(20);
    /** Canary and alarm timings replay 60 times faster: the 10-minute canary lasts 10 s. */
    static final double TIME_SCALE = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A contract case, as TestCases.json holds it. */
    record Case(String description, String equation, List<String> solution) {
    }

    final LocalPipeline pipeline;
    final ProgressDisplay display;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Scenario(LocalPipeline pipeline, ProgressDisplay display) {
        this.pipeline = pipeline;
        this.display = display;
    }

    /**
     * Starts the scenario: its commit (if any) goes in before the stack exists, so the pipeline's first
     * execution, which creating it starts, builds exactly that commit.
     */
    static Scenario start(String name, Optional<Commit> commit) throws Exception {
        Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
        Path tarball = Path.of(System.getProperty("solver.image.tarball",
                root.resolve("solver-lambda/target/jib-image.tar").toString()));
        ProgressDisplay display = new ProgressDisplay(System.out);
        LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Settings.of(root,
                        root.resolve("e2e-tests/target/e2e").resolve(name), tarball)
                .withTimeScale(TIME_SCALE)
                .withListener(display)
                .withBeforeBootstrap(repository -> {
                    if (commit.isPresent()) {
                        repository.commit(commit.get().message(), commit.get().edits());
                    }
                }));
        return new Scenario(pipeline, display);
    }

    /** A commit: its message and what it changes. */
    record Commit(String message, Map<String, UnaryOperator<String>> edits) {
    }

    /** An edit replacing every occurrence of {@code from}; it fails when there is none. */
    static UnaryOperator<String> replace(String from, String to) {
        return text -> {
            if (!text.contains(from)) {
                throw new IllegalStateException("the scenario's edit no longer applies: text not found: " + from);
            }
            return text.replace(from, to);
        };
    }

    /** The execution that creating the pipeline started, on the repository's head. */
    ExecutionRecord firstExecution() throws Exception {
        return pipeline.awaitExecutionOf(pipeline.repository().head(), Duration.ofMinutes(2));
    }

    ExecutionRecord awaitEnd(ExecutionRecord execution) throws Exception {
        ExecutionRecord done = pipeline.awaitEnd(execution, EXECUTION_LIMIT);
        System.out.println("Stages of execution " + done.id() + " (" + done.status() + "):");
        display.summary().forEach(System.out::println);
        return done;
    }

    List<ActionExecutionRecord> actions(ExecutionRecord execution) {
        return pipeline.codePipeline().actionExecutions(execution.pipelineName(), Optional.of(execution.id()));
    }

    /** The version an alias serves wholly, or its primary version while it shifts. */
    String aliasVersion(String alias) {
        try (var lambda = pipeline.aws().lambda()) {
            return lambda.getAlias(r -> r.functionName(pipeline.functionName()).name(alias)).functionVersion();
        }
    }

    /** The weights of an alias's additional versions (empty when it serves one version). */
    Map<String, Double> aliasWeights(String alias) {
        try (var lambda = pipeline.aws().lambda()) {
            var routing = lambda.getAlias(r -> r.functionName(pipeline.functionName()).name(alias)).routingConfig();
            return routing == null ? Map.of() : routing.additionalVersionWeights();
        }
    }

    /** POSTs an equation to a stage with the API key, as the classic clients do. */
    HttpResponse<String> solve(String stage, String equation, String apiKey) {
        URI url = pipeline.stageUrl(stage);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("x-api-key", apiKey).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(equation, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static List<Case> contractCases() {
        try (InputStream in = Scenario.class.getResourceAsStream("/contract/TestCases.json")) {
            return JSON.readValue(in, new TypeReference<List<Case>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> steps(String body) {
        try {
            return JSON.readValue(body, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new AssertionError("not a JSON array of steps: " + body, e);
        }
    }

    /** The action executions of one stage of an execution. */
    List<ActionExecutionRecord> stageActions(ExecutionRecord execution, String stage) {
        return actions(execution).stream().filter(a -> a.stageName().equals(stage)).toList();
    }

    /** An SDK client of the emulator, as any user makes one (endpoint override, test keys). */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(pipeline.emulator().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void close() {
        http.close();
        pipeline.close();
    }
}
