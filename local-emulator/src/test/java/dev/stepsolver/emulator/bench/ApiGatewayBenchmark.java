package dev.stepsolver.emulator.bench;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.LocalEmulator;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.http.DataPlaneRoute;
import dev.stepsolver.emulator.lambda.HandlerImage;
import dev.stepsolver.emulator.lambda.LambdaModule;
import dev.stepsolver.emulator.lambda.LambdaSettings;
import dev.stepsolver.emulator.lambda.handler.ProxyHandler;
import dev.stepsolver.emulator.protocol.EdgeResponse;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Not a test: the warm API stage → Lambda round trip on loopback, beside a bare endpoint on the same
 * HTTP server (a trivial data-plane route) in the same run. Open model at a steady rate, latency
 * measured from each request's intended start (coordinated-omission aware), then the most
 * throughput closed loops reach at several concurrencies, each bounded in count and time. The
 * client is the JDK's HttpClient on the same two cores as the emulator and the function process.
 * Warm-up starts every function instance the concurrency limit allows (default 4, twice the cores
 * of the machine this was written on) first, so no cold start falls in a measured run. Each
 * run also reports the CPU time spent per request by this JVM (emulator and client) and by the
 * function processes. Knobs: {@code -Dbench.lambdaConcurrency=N}, {@code -Dbench.steadyRate},
 * {@code -Dbench.steadySeconds}, {@code -Dbench.maxSeconds}.
 */
public final class ApiGatewayBenchmark {

    private static final int LAMBDA_CONCURRENCY = Integer.getInteger("bench.lambdaConcurrency", 4);
    private static final int STEADY_RATE = Integer.getInteger("bench.steadyRate", 300);
    private static final int STEADY_SECONDS = Integer.getInteger("bench.steadySeconds", 20);
    private static final int MAX_SECONDS = Integer.getInteger("bench.maxSeconds", 6);
    private static final int MAX_REQUESTS_PER_LOOP = 60_000;
    private static final int MAX_IN_FLIGHT = 256;
    private static final int WARM_UP = 3_000;
    /** As many instances as may run: more processes than cores only add contention on a small machine. */
    private static final int WARM_INSTANCES = LAMBDA_CONCURRENCY;
    private static final String BARE_PATH = "/_bench/bare";

    private ApiGatewayBenchmark() {
    }

    /**
     * A measured run: latencies (ns, of every request), failures (not 200), successful requests per
     * second, CPU milliseconds per request in this JVM and in the function processes.
     */
    record Result(long[] sortedNanos, int failures, double perSecond, double jvmCpuMillis, double functionCpuMillis) {
        double percentile(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d cores, load average before: %s; Lambda concurrency limit %d%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), LAMBDA_CONCURRENCY);
        Path scratch = Files.createTempDirectory("bench-apigw");
        ServiceModule bare = (context, registry) -> registry.addRoute(DataPlaneRoute.buffered(
                head -> head.rawPath().equals(BARE_PATH),
                request -> EdgeResponse.status(200).body("pong", "text/plain").build()));
        try (LocalEmulator emulator = LocalEmulator.builder().port(0).replaceModule(new LambdaModule(LambdaSettings
                .defaults().withConcurrencyLimit(LAMBDA_CONCURRENCY))).module(bare).build().start();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build()) {
            Target stage = stage(emulator, scratch);
            Target endpoint = new Target(URI.create(emulator.endpoint() + BARE_PATH), "");
            closedLoop(http, stage, WARM_INSTANCES, 4 * WARM_UP, Duration.ofSeconds(120));
            closedLoop(http, stage, 1, WARM_UP, Duration.ofSeconds(60));
            closedLoop(http, endpoint, 1, WARM_UP, Duration.ofSeconds(60));
            closedLoop(http, stage, 4, WARM_UP, Duration.ofSeconds(60));

            Result bareSteady = openLoop(http, endpoint, STEADY_RATE, STEADY_SECONDS);
            Result stageSteady = openLoop(http, stage, STEADY_RATE, STEADY_SECONDS);
            report("steady " + STEADY_RATE + " req/s, bare endpoint", bareSteady, null);
            report("steady " + STEADY_RATE + " req/s, stage -> Lambda", stageSteady, bareSteady);

            // more connections than function instances only measures Lambda's throttling (500s)
            for (int workers : List.of(1, 2, LAMBDA_CONCURRENCY)) {
                Result bareMax = closedLoop(http, endpoint, workers, MAX_REQUESTS_PER_LOOP,
                        Duration.ofSeconds(MAX_SECONDS));
                Result stageMax = closedLoop(http, stage, workers, MAX_REQUESTS_PER_LOOP,
                        Duration.ofSeconds(MAX_SECONDS));
                report("closed loop, " + workers + " connections, bare endpoint", bareMax, null);
                report("closed loop, " + workers + " connections, stage -> Lambda", stageMax, bareMax);
            }
            for (int rate : List.of(1_000, 1_500, 2_000)) {
                Result bareRate = openLoop(http, endpoint, rate, MAX_SECONDS);
                Result stageRate = openLoop(http, stage, rate, MAX_SECONDS);
                report("open model " + rate + " req/s, bare endpoint", bareRate, null);
                report("open model " + rate + " req/s, stage -> Lambda", stageRate, bareRate);
            }
            System.out.printf(Locale.ROOT, "function processes at the end: %d%n",
                    emulator.context().backend(dev.stepsolver.emulator.lambda.LambdaBackend.class).processes().size());
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        System.exit(0);
    }

    /** CPU time so far (ms) of this JVM, and of each function process (its descendants) by pid. */
    record Cpu(long jvm, Map<Long, Long> functions) {
        static Cpu now() {
            Map<Long, Long> functions = new java.util.HashMap<>();
            ProcessHandle.current().descendants().forEach(p -> functions.put(p.pid(),
                    p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)));
            return new Cpu(ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L),
                    functions);
        }

        /** Per request since {@code before}: [this JVM, function processes]. */
        double[] perRequest(Cpu before, int requests) {
            long functionMillis = 0;
            for (Map.Entry<Long, Long> f : functions.entrySet()) {
                functionMillis += f.getValue() - before.functions().getOrDefault(f.getKey(), 0L);
            }
            return new double[] {(jvm - before.jvm()) / (double) Math.max(1, requests),
                functionMillis / (double) Math.max(1, requests)};
        }
    }

    /** A URL and the API key to send (empty for none). */
    record Target(URI uri, String apiKey) {
        HttpRequest request() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
            if (!apiKey.isEmpty()) {
                builder.header("x-api-key", apiKey);
            }
            return builder.build();
        }
    }

    /** The solver's shape: a key-protected GET through a usage plan to a Lambda alias named by a stage variable. */
    static Target stage(LocalEmulator emulator, Path scratch) throws Exception {
        try (EcrClient ecr = Clients.ecr(emulator.endpoint());
                LambdaClient lambda = Clients.lambda(emulator.endpoint());
                ApiGatewayClient apigw = Clients.apiGateway(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName("bench"));
            List<Path> jackson = new ArrayList<>();
            for (Class<?> type : List.of(com.fasterxml.jackson.databind.ObjectMapper.class,
                    com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
                jackson.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            }
            HandlerImage.Pushed image = HandlerImage.push(ecr, "bench", "v1", Map.of("JAVA_TOOL_OPTIONS",
                    "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"), jackson, scratch, ProxyHandler.class);
            lambda.createFunction(r -> r.functionName("bench").packageType("Image").code(c -> c.imageUri(image.uri()))
                    .role("arn:aws:iam::000000000000:role/lambda").memorySize(512).timeout(30));
            try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
                waiter.waitUntilFunctionActiveV2(r -> r.functionName("bench"));
            }
            String version = lambda.publishVersion(r -> r.functionName("bench")).version();
            lambda.createAlias(r -> r.functionName("bench").name("prod").functionVersion(version));
            var api = apigw.createRestApi(r -> r.name("bench-api"));
            String resource = apigw.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
                    .pathPart("bench")).id();
            apigw.putMethod(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").authorizationType("NONE")
                    .apiKeyRequired(true));
            apigw.putIntegration(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").type("AWS_PROXY")
                    .integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                            + "arn:aws:lambda:us-east-1:000000000000:function:bench:${stageVariables.lambdaAlias}"
                            + "/invocations"));
            apigw.createDeployment(r -> r.restApiId(api.id()).stageName("prod")
                    .variables(Map.of("lambdaAlias", "prod")));
            var key = apigw.createApiKey(r -> r.name("bench").enabled(true));
            String plan = apigw.createUsagePlan(r -> r.name("bench").apiStages(s -> s.apiId(api.id()).stage("prod"))
                    .throttle(t -> t.rateLimit(100_000.0).burstLimit(100_000))).id();
            apigw.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
            return new Target(URI.create(emulator.endpoint() + "/_aws/execute-api/" + api.id()
                    + "/prod/bench?action=pong"), key.value());
        }
    }

    /**
     * Requests sent at fixed times regardless of answers (bounded in flight: waiting for a slot
     * delays the send, which the latency from the intended time shows).
     */
    static Result openLoop(HttpClient http, Target target, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        long[] nanos = new long[total];
        AtomicInteger failures = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        HttpRequest request = target.request();
        Cpu cpu = Cpu.now();
        long start = System.nanoTime() + 20_000_000L;
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            inFlight.acquire();
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long finished = System.nanoTime();
                nanos[index] = finished - intended;
                if (error != null || response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                lastDone.accumulateAndGet(finished, Math::max);
                inFlight.release();
                done.countDown();
            });
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the open-model run did not finish within 120 s");
        }
        double[] perRequest = Cpu.now().perRequest(cpu, total);
        Arrays.sort(nanos);
        return new Result(nanos, failures.get(), (total - failures.get()) / ((lastDone.get() - start) / 1e9),
                perRequest[0], perRequest[1]);
    }

    /** {@code workers} connections each sending the next request when the last is answered. */
    static Result closedLoop(HttpClient http, Target target, int workers, int maxRequests, Duration limit)
            throws InterruptedException {
        long[] nanos = new long[maxRequests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        HttpRequest request = target.request();
        Cpu cpu = Cpu.now();
        long deadline = System.nanoTime() + limit.toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < deadline) {
                    int index = next.getAndIncrement();
                    if (index >= maxRequests) {
                        return;
                    }
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    nanos[index] = System.nanoTime() - sent;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int completed = Math.min(next.get(), maxRequests);
        long[] measured = Arrays.copyOf(nanos, completed);
        Arrays.sort(measured);
        // a request still counted in next but cut at the deadline has latency 0: drop those
        int firstReal = 0;
        while (firstReal < measured.length && measured[firstReal] == 0) {
            firstReal++;
        }
        measured = Arrays.copyOfRange(measured, firstReal, measured.length);
        double[] perRequest = Cpu.now().perRequest(cpu, measured.length);
        return new Result(measured, failures.get(), (measured.length - failures.get()) / seconds, perRequest[0],
                perRequest[1]);
    }

    private static void report(String name, Result result, Result bare) {
        String ratio = bare == null ? "" : String.format(Locale.ROOT, "  (x bare: p50 %.1f, p99 %.1f, rate %.2f)",
                result.percentile(50) / bare.percentile(50), result.percentile(99) / bare.percentile(99),
                result.perSecond() / bare.perSecond());
        System.out.printf(Locale.ROOT, "%-46s %6d req %6.0f ok/s  p50 %6.2f ms  p99 %7.2f ms  failures %d%s"
                + "  cpu/req: JVM %.2f ms, functions %.2f ms  [load %s]%n", name, result.sortedNanos().length,
                result.perSecond(), result.percentile(50), result.percentile(99), result.failures(), ratio,
                result.jvmCpuMillis(), result.functionCpuMillis(), loadAverage());
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
