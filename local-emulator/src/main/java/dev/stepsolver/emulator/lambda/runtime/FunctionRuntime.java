package dev.stepsolver.emulator.lambda.runtime;

import dev.stepsolver.emulator.ecr.Digest;
import dev.stepsolver.emulator.time.EmulatorClock;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs function versions as real JVM processes, the way Lambda's Java base image does: the
 * image's {@code /var/task} as the working directory (where the Runtime Interface Client loads the
 * handler from), its {@code lib/*.jar} and the Runtime Interface Client on the classpath, the
 * image's CMD as the handler. Warm instances are reused; instances grow to the concurrency limit,
 * beyond which invocations are throttled; an instance over its timeout is killed with its process
 * tree; idle ones are reaped on the emulator clock; all stop with the emulator, and a
 * {@link ParentWatchdog} in each ends it if the emulator is killed.
 *
 * <p>Timeouts (init and invocation) are real time, like Lambda's wall-clock limits, whatever the
 * emulator clock's scale: a handler's work does not speed up with the clock. Idle reaping uses the
 * emulator clock.
 */
public final class FunctionRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRuntime.class);

    /** Where the Runtime API is served on the emulator's port; AWS_LAMBDA_RUNTIME_API adds the instance id. */
    public static final String RUNTIME_API_PREFIX = "/_emulator/lambda/runtime/";
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Duration REAP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration GRACEFUL_STOP_LIMIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * @param concurrencyLimit the most invocations in flight across all functions (an account's limit)
     * @param idleTimeout how long (emulated) an unused instance stays warm
     * @param initTimeout how long (real) a new process may take to ask for its first invocation
     * @param cacheDirectory where images are unpacked and archives kept
     */
    public record Settings(int concurrencyLimit, Duration idleTimeout, Duration initTimeout, Path cacheDirectory,
            StartupCache startupCache) {
    }

    /** What the processes are told about their surroundings. */
    public record Surroundings(String region, String accessKeyId, String secretAccessKey, Supplier<URI> endpoint) {
    }

    /** An invocation's fate. */
    public sealed interface Result {
        /** It ran (successfully or not); duration is the handler's real time in milliseconds. */
        record Completed(Outcome outcome, double durationMillis, boolean coldStart, String logTail) implements Result {
        }

        /** Over the function's reserved concurrency ({@code reserved}) or the emulator-wide limit. */
        record Throttled(boolean reserved) implements Result {
        }
    }

    private final Settings settings;
    private final Surroundings surroundings;
    private final EmulatorClock clock;
    private final RuntimeFiles runtimeFiles;
    private final StartupArchives archives;
    private final Path javaExecutable;
    private final Path outputDirectory;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instance>> idle = new HashMap<>();
    private final Map<String, Integer> inFlightByFunction = new HashMap<>();
    private final Set<String> retiredPools = new HashSet<>();
    private final EmulatorClock.Scheduled reaper;
    private int inFlight;
    private boolean closed;

    public FunctionRuntime(Settings settings, Surroundings surroundings, EmulatorClock clock) {
        this.settings = settings;
        this.surroundings = surroundings;
        this.clock = clock;
        this.runtimeFiles = RuntimeFiles.install(settings.cacheDirectory());
        Path archiveDirectory = settings.cacheDirectory().resolve("archives");
        try {
            Files.createDirectories(archiveDirectory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.archives = new StartupArchives(settings.startupCache(), archiveDirectory);
        this.outputDirectory = settings.cacheDirectory().resolve("output");
        try {
            Files.createDirectories(outputDirectory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        this.reaper = clock.scheduleAtFixedRate(clock.now().plus(REAP_INTERVAL), REAP_INTERVAL, this::reapIdle);
    }

    public Settings settings() {
        return settings;
    }

    /** Runs one invocation of {@code spec} on a warm instance, or a new one, or throttles it. */
    public Result invoke(InstanceSpec spec, String requestId, byte[] payload, String invokedFunctionArn) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the Lambda runtime is stopped");
            }
            int ofFunction = inFlightByFunction.getOrDefault(spec.functionName(), 0);
            if (spec.reservedConcurrency().isPresent() && ofFunction >= spec.reservedConcurrency().get()) {
                return new Result.Throttled(true);
            }
            if (inFlight >= settings.concurrencyLimit()) {
                return new Result.Throttled(false);
            }
            inFlight++;
            inFlightByFunction.merge(spec.functionName(), 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        try {
            Run result = run(spec, requestId, payload, invokedFunctionArn);
            Instance failedTrainer = result.failedTrainer();
            if (failedTrainer != null) {
                // the archive-writing options kept this JVM from starting: never the caller's problem
                LOG.warn("A {} training process for {} could not start; running without a class-data archive",
                        archives.mode(), spec.functionName());
                archives.disable(failedTrainer.archiveKey);
                result = run(spec, requestId, payload, invokedFunctionArn);
            }
            return result.completed();
        } finally {
            lock.lock();
            try {
                inFlight--;
                inFlightByFunction.merge(spec.functionName(), -1, Integer::sum);
            } finally {
                lock.unlock();
            }
        }
    }

    /** A run's result, and the trainer instance that failed to start, if that is what happened. */
    private record Run(Result.Completed completed, Instance failedTrainer) {
    }

    private Run run(InstanceSpec spec, String requestId, byte[] payload, String invokedFunctionArn) {
        Instance instance;
        boolean cold;
        lock.lock();
        try {
            instance = takeIdle(spec.poolKey());
            cold = instance == null;
            if (cold) {
                evictIdleIfFull();
                instance = newInstance(spec);
            }
        } finally {
            lock.unlock();
        }
        Outcome outcome = null;
        Invocation invocation = new Invocation(requestId, payload, invokedFunctionArn, spec.timeout().toMillis());
        try {
            if (cold) {
                start(instance);
            }
            if (!instance.assign(invocation)) {
                outcome = new Outcome.InitError("Runtime.Unknown", error("Runtime.Unknown", "RequestId: " + requestId
                        + " Error: the execution environment ended before the invocation"));
            } else {
                outcome = await(instance, invocation, spec);
            }
            double duration = invocation.handedOffNanos == 0 ? 0
                    : (System.nanoTime() - invocation.handedOffNanos) / 1e6;
            boolean trainerFailed = instance.trainingOutput().isPresent() && outcome instanceof Outcome.InitError
                    && !instance.initialized();
            return new Run(new Result.Completed(outcome, duration, cold, instance.logTail()),
                    trainerFailed ? instance : null);
        } catch (IOException e) {
            LOG.error("Cannot start a process for {}:{}", spec.functionName(), spec.version(), e);
            outcome = new Outcome.InitError("Runtime.Unknown", error("Runtime.Unknown", "RequestId: " + requestId
                    + " Error: the runtime could not be started: " + e.getMessage()));
            return new Run(new Result.Completed(outcome, 0, cold, ""), null);
        } finally {
            release(instance, outcome);
        }
    }

    private Outcome await(Instance instance, Invocation invocation, InstanceSpec spec) {
        try {
            try {
                CompletableFuture.anyOf(invocation.handedOff, invocation.outcome)
                        .get(settings.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Outcome timedOut = new Outcome.InitError("Sandbox.Timedout", error("Sandbox.Timedout",
                        "RequestId: " + invocation.requestId + " Error: Task timed out after "
                                + seconds(settings.initTimeout()) + " seconds during init"));
                if (invocation.outcome.complete(timedOut)) {
                    kill(instance);
                }
                return invocation.outcome.join();
            }
            if (invocation.outcome.isDone()) {
                return invocation.outcome.join();
            }
            long remaining = invocation.handedOffNanos + spec.timeout().toNanos() - System.nanoTime();
            try {
                return invocation.outcome.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                byte[] message = ("{\"errorMessage\":\"" + clock.now() + " " + invocation.requestId
                        + " Task timed out after " + seconds(spec.timeout()) + " seconds\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (invocation.outcome.complete(new Outcome.Timeout(message))) {
                    kill(instance);
                }
                return invocation.outcome.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(instance);
            return new Outcome.Crash(-1, error("Runtime.Unknown", "the invocation was interrupted"));
        } catch (ExecutionException e) {
            return new Outcome.Crash(-1, error("Runtime.Unknown", String.valueOf(e.getCause())));
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
    }

    static byte[] error(String type, String message) {
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private Instance takeIdle(String poolKey) {
        Deque<Instance> pool = idle.get(poolKey);
        while (pool != null && !pool.isEmpty()) {
            Instance candidate = pool.pollFirst();
            if (candidate.alive()) {
                return candidate;
            }
        }
        return null;
    }

    /** Keeps the number of processes at the limit: the least recently used idle one makes room. */
    private void evictIdleIfFull() {
        if (instances.size() < settings.concurrencyLimit()) {
            return;
        }
        Instance oldest = null;
        Deque<Instance> from = null;
        for (Deque<Instance> pool : idle.values()) {
            for (Instance candidate : pool) {
                if (oldest == null || candidate.lastUsed().isBefore(oldest.lastUsed())) {
                    oldest = candidate;
                    from = pool;
                }
            }
        }
        if (oldest != null) {
            from.remove(oldest);
            stop(oldest);
        }
    }

    private Instance newInstance(InstanceSpec spec) {
        List<String> options = baseOptions(spec);
        List<String> classpath = classpath(spec.image());
        String key = archiveKey(spec.image().digest(), options, classpath);
        Instance instance = new Instance(UUID.randomUUID().toString(), spec, archives.plan(key), key, clock.now());
        instances.put(instance.id, instance);
        return instance;
    }

    private List<String> baseOptions(InstanceSpec spec) {
        List<String> options = new ArrayList<>();
        options.add("-javaagent:" + runtimeFiles.watchdogAgent());
        if (Runtime.version().feature() >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        // Lambda's Java runtime: the serial collector, a heap of most of the function's memory
        options.add("-XX:+UseSerialGC");
        options.add("-XX:MaxHeapSize=" + Math.max(64, spec.memoryMb() * 85 / 100) + "m");
        options.add("-XX:-UsePerfData");
        options.add("-Djava.net.preferIPv4Stack=true");
        return options;
    }

    private List<String> classpath(FunctionImage image) {
        List<String> entries = new ArrayList<>();
        runtimeFiles.classpath().forEach(p -> entries.add(p.toString()));
        Path lib = image.root().resolve("var/task/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).map(Path::toString).sorted()
                        .forEach(entries::add);
            } catch (IOException e) {
                LOG.warn("Cannot list {}", lib, e);
            }
        }
        return entries;
    }

    private String archiveKey(String digest, List<String> options, List<String> classpath) {
        String identity = digest + "\n" + javaExecutable + "\n" + Runtime.version() + "\n" + String.join(" ", options) + "\n"
                + String.join(":", classpath);
        return HexFormat.of().formatHex(Digest.sha256().digest(identity.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    private void start(Instance instance) throws IOException {
        InstanceSpec spec = instance.spec;
        FunctionImage image = spec.image();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(baseOptions(spec));
        command.addAll(instance.startupPlan.options());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath(image)));
        command.add(MAIN_CLASS);
        command.addAll(spec.command());
        Path taskRoot = image.root().resolve("var/task");
        Path workingDirectory = spec.workingDirectory().or(image::workingDirectory)
                .map(dir -> image.root().resolve(dir.startsWith("/") ? dir.substring(1) : dir).normalize())
                .filter(dir -> dir.startsWith(image.root()) && Files.isDirectory(dir))
                .orElse(taskRoot);
        Files.createDirectories(workingDirectory);
        Path output = outputDirectory.resolve(instance.id + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(environment(instance, taskRoot));
        Process process = builder.start();
        instance.attach(process, output);
        process.onExit().thenAccept(exited -> exited(instance, exited.exitValue()));
    }

    private Map<String, String> environment(Instance instance, Path taskRoot) {
        InstanceSpec spec = instance.spec;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(spec.image().environment());
        env.putAll(spec.variables());
        URI endpoint = surroundings.endpoint().get();
        String host = endpoint.getHost();
        String runtimeHost = host.equals("0.0.0.0") || host.equals("localhost") ? "127.0.0.1"
                : host.equals("[::]") ? "[::1]" : host;
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeHost + ":" + endpoint.getPort() + RUNTIME_API_PREFIX + instance.id);
        env.put("_HANDLER", spec.command().isEmpty() ? "" : spec.command().get(0));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeFiles.watchdogAgent().getParent().toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LOG_STREAM_DATE.format(clock.now()) + "/[" + spec.version() + "]"
                + instance.id.replace("-", ""));
        env.put("AWS_LAMBDA_LOG_FORMAT", "Text");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", surroundings.region());
        env.put("AWS_DEFAULT_REGION", surroundings.region());
        env.put("AWS_ACCESS_KEY_ID", surroundings.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", surroundings.secretAccessKey());
        // not in AWS: SDK calls made by the handler reach this emulator
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        return env;
    }

    private void exited(Instance instance, int exitCode) {
        LOG.debug("Process of {}:{} ({}) exited with status {}; its last output:\n{}", instance.spec.functionName(),
                instance.spec.version(), instance.id, exitCode, instance.logTail());
        instance.died(exitCode);
        lock.lock();
        try {
            instances.remove(instance.id);
            Deque<Instance> pool = idle.get(instance.spec.poolKey());
            if (pool != null) {
                pool.remove(instance);
            }
        } finally {
            lock.unlock();
        }
        // a process killed outright (SIGKILL: 137) may have left half an archive behind
        instance.trainingOutput().ifPresent(output -> archives.trainingEnded(instance.archiveKey, output,
                exitCode != 137));
    }

    private void release(Instance instance, Outcome outcome) {
        boolean keep;
        lock.lock();
        try {
            boolean trainerDone = instance.trainingOutput().isPresent() && outcome instanceof Outcome.Success;
            boolean healthy = !closed && instance.alive()
                    && (outcome instanceof Outcome.Success || outcome instanceof Outcome.HandlerError);
            keep = healthy && !trainerDone && !retiredPools.contains(instance.spec.poolKey());
            if (instance.process().isEmpty()) {
                instances.remove(instance.id);
            }
            if (keep) {
                instance.touch(clock.now());
                idle.computeIfAbsent(instance.spec.poolKey(), k -> new ArrayDeque<>()).addFirst(instance);
            }
        } finally {
            lock.unlock();
        }
        if (!keep) {
            stop(instance);
        }
    }

    /** Ends an instance: a trainer gracefully (SIGTERM, so it writes its archive), any other at once. */
    private void stop(Instance instance) {
        if (instance.trainingOutput().isPresent() && instance.alive()) {
            // its Runtime API poll stays open: the JVM ends on the signal, writing its archive on the way
            instance.process().ifPresent(process -> {
                process.destroy();
                process.onExit().orTimeout(GRACEFUL_STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(timeout -> {
                            kill(instance);
                            return process;
                        });
            });
        } else {
            kill(instance);
        }
    }

    /** Kills the process and everything it started. */
    private void kill(Instance instance) {
        instance.stopping();
        instance.process().ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    /** Stops the idle instances of pools whose key matches (a configuration that changed or went away). */
    public void retirePools(Predicate<String> poolKey) {
        List<Instance> stopping = new ArrayList<>();
        lock.lock();
        try {
            for (Map.Entry<String, Deque<Instance>> pool : idle.entrySet()) {
                if (poolKey.test(pool.getKey())) {
                    stopping.addAll(pool.getValue());
                    pool.getValue().clear();
                }
            }
            instances.values().stream().map(i -> i.spec.poolKey()).filter(poolKey).forEach(retiredPools::add);
        } finally {
            lock.unlock();
        }
        stopping.forEach(this::stop);
    }

    private void reapIdle() {
        Instant now = clock.now();
        List<Instance> stopping = new ArrayList<>();
        lock.lock();
        try {
            for (Deque<Instance> pool : idle.values()) {
                pool.removeIf(instance -> {
                    boolean expired = !instance.lastUsed().plus(settings.idleTimeout()).isAfter(now);
                    if (expired) {
                        stopping.add(instance);
                    }
                    return expired;
                });
            }
        } finally {
            lock.unlock();
        }
        stopping.forEach(this::stop);
    }

    /** The instance a Runtime API request names. */
    Optional<Instance> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    /** The live function processes (for diagnostics and tests). */
    public List<ProcessHandle> processes() {
        return instances.values().stream().flatMap(i -> i.process().stream()).filter(Process::isAlive)
                .map(Process::toHandle).toList();
    }

    /** Invocations in flight now. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<Instance> all;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(instances.values());
            idle.clear();
        } finally {
            lock.unlock();
        }
        reaper.cancel();
        all.forEach(this::kill);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Instance instance : all) {
            instance.process().ifPresent(process -> {
                try {
                    process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
