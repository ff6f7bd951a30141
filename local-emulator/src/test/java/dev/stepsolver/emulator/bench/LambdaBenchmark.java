package dev.stepsolver.emulator.bench;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.lambda.LambdaModule;
import dev.stepsolver.emulator.lambda.LambdaSettings;
import dev.stepsolver.emulator.lambda.runtime.StartupCache;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Not a test: Lambda numbers. Image push time of a solver-sized image (the test handler plus
 * Jackson and aws-lambda-java-events jars), cold starts (process start to first response, through
 * Invoke) without and with each class-data archive kind, and warm Invoke latency through the SDK.
 * Run with {@code ./mvnw -pl local-emulator -am verify -Pbench -DskipTests}.
 */
public final class LambdaBenchmark {

    private static final int PUSHES = 3;
    private static final int COLD_STARTS = Integer.getInteger("bench.coldStarts", 9);
    private static final int WARM_UP = 1_000;
    private static final int CALLS = 3_000;
    private static final Map<String, String> IMAGE_ENV = Map.of("JAVA_TOOL_OPTIONS",
            "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

    private LambdaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d cores, load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        List<Path> jars = solverSizedJars();
        long bytes = 0;
        for (Path jar : jars) {
            bytes += Files.size(jar);
        }
        System.out.printf(Locale.ROOT, "image: test handler + %d jars (%s), %.1f MB of jars%n", jars.size(),
                jars.stream().map(p -> p.getFileName().toString()).toList(), bytes / 1e6);
        if (!Boolean.getBoolean("bench.coldOnly")) {
            pushes(jars);
        }
        for (StartupCache mode : StartupCache.values()) {
            if (mode == StartupCache.AOT_CACHE && Runtime.version().feature() < 25) {
                continue;
            }
            coldStarts(mode, jars);
        }
        if (!Boolean.getBoolean("bench.coldOnly")) {
            warm(jars);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        System.exit(0);
    }

    private static List<Path> solverSizedJars() throws URISyntaxException {
        List<Path> jars = new ArrayList<>();
        for (Class<?> type : List.of(com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class,
                com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.class)) {
            jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return jars;
    }

    private static void pushes(List<Path> jars) throws Exception {
        long[] millis = new long[PUSHES];
        for (int i = 0; i < PUSHES; i++) {
            Path scratch = Files.createTempDirectory("bench-push");
            try (LocalEmulator emulator = LocalEmulator.builder().port(0).build().start();
                    EcrClient ecr = Clients.ecr(emulator.endpoint())) {
                ecr.createRepository(r -> r.repositoryName("solver"));
                long start = System.nanoTime();
                HandlerImage.push(ecr, "solver", "v1", IMAGE_ENV, jars, scratch);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "image push with Jib to a fresh registry (%d runs): median %d ms, all %s"
                + " (load %s)%n", PUSHES, millis[PUSHES / 2], Arrays.toString(millis), loadAverage());
    }

    private static void coldStarts(StartupCache mode, List<Path> jars) throws Exception {
        Path cache = Files.createTempDirectory("bench-lambda-cache");
        Path scratch = Files.createTempDirectory("bench-cold");
        try (LocalEmulator emulator = LocalEmulator.builder().port(0).replaceModule(new LambdaModule(
                LambdaSettings.defaults().withStartupCache(mode).withCacheDirectory(cache))).build().start();
                EcrClient ecr = Clients.ecr(emulator.endpoint());
                LambdaClient lambda = Clients.lambda(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName("solver"));
            HandlerImage.Pushed image = HandlerImage.push(ecr, "solver", "v1", IMAGE_ENV, jars, scratch);
            lambda.createFunction(r -> r.functionName("cold").packageType("Image").code(c -> c.imageUri(image.uri()))
                    .role("arn:aws:iam::000000000000:role/lambda").memorySize(512).timeout(30));
            LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build();
            waiter.waitUntilFunctionActiveV2(r -> r.functionName("cold"));
            long first = timedInvoke(lambda);
            if (mode != StartupCache.NONE) {
                awaitArchive(cache.resolve("archives"));
            }
            long[] millis = new long[COLD_STARTS];
            for (int i = 0; i < COLD_STARTS; i++) {
                // a configuration change retires the warm instances: the next invocation is a cold start
                String round = Integer.toString(i);
                lambda.updateFunctionConfiguration(r -> r.functionName("cold").environment(e -> e.variables(Map.of(
                        "ROUND", round))));
                waiter.waitUntilFunctionUpdatedV2(r -> r.functionName("cold"));
                millis[i] = timedInvoke(lambda);
            }
            waiter.close();
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "cold start, Invoke round trip (startup cache %s): first (no archive)"
                    + " %d ms; then %d runs: median %d ms, min %d, max %d, all %s (load %s)%n", mode, first,
                    COLD_STARTS, sorted[COLD_STARTS / 2], sorted[0], sorted[COLD_STARTS - 1], Arrays.toString(millis),
                    loadAverage());
        }
    }

    private static long timedInvoke(LambdaClient lambda) {
        long start = System.nanoTime();
        var response = lambda.invoke(r -> r.functionName("cold").payload(SdkBytes.fromUtf8String("{}")));
        if (response.functionError() != null) {
            throw new IllegalStateException("invoke failed: " + response.payload().asUtf8String());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void awaitArchive(Path directory) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(directory)) {
                if (files.anyMatch(f -> !f.getFileName().toString().contains("training")
                        && (f.toString().endsWith(".aot") || f.toString().endsWith(".jsa")))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        System.out.println("no archive appeared within 60 s");
    }

    private static void warm(List<Path> jars) throws Exception {
        Path scratch = Files.createTempDirectory("bench-warm");
        try (LocalEmulator emulator = LocalEmulator.builder().port(0).build().start();
                EcrClient ecr = Clients.ecr(emulator.endpoint());
                LambdaClient lambda = Clients.lambda(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName("solver"));
            HandlerImage.Pushed image = HandlerImage.push(ecr, "solver", "v1", IMAGE_ENV, jars, scratch);
            lambda.createFunction(r -> r.functionName("warm").packageType("Image").code(c -> c.imageUri(image.uri()))
                    .role("arn:aws:iam::000000000000:role/lambda").memorySize(512).timeout(30));
            try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
                waiter.waitUntilFunctionActiveV2(r -> r.functionName("warm"));
            }
            SdkBytes payload = SdkBytes.fromUtf8String("{\"action\":\"echo\"}");
            for (int i = 0; i < WARM_UP; i++) {
                lambda.invoke(r -> r.functionName("warm").payload(payload));
            }
            long[] nanos = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                lambda.invoke(r -> r.functionName("warm").payload(payload));
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "warm Invoke through the SDK: p50 %.2f ms  p99 %.2f ms  (%d calls after %d"
                    + " warm-up; load %s)%n", nanos[CALLS / 2] / 1e6, nanos[CALLS * 99 / 100] / 1e6, CALLS, WARM_UP,
                    loadAverage());
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
