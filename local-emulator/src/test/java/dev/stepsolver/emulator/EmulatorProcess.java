package dev.stepsolver.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The shaded emulator jar run as a separate process, as users run it. */
public final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final URI endpoint;
    private final long startupNanos;

    private EmulatorProcess(Process process, URI endpoint, long startupNanos) {
        this.process = process;
        this.endpoint = endpoint;
        this.startupNanos = startupNanos;
    }

    /** The jar built by {@code package}; tests that need it run in the integration-test phase. */
    public static Path jar() {
        String property = System.getProperty("emulator.jar");
        Path jar = property != null ? Path.of(property)
                : Path.of("target", "local-emulator-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The emulator jar " + jar.toAbsolutePath()
                    + " is not built; run the package phase first.");
        }
        return jar;
    }

    /**
     * Starts {@code java -jar <jar> start <arguments>} and waits (bounded) for its endpoint line.
     *
     * @throws IllegalStateException when the process exits or prints nothing in time; its stderr is included
     */
    public static EmulatorProcess start(List<String> arguments) throws IOException, InterruptedException {
        return start(List.of(), arguments);
    }

    /** As {@link #start(List)}, with JVM options before {@code -jar}. */
    public static EmulatorProcess start(List<String> jvmOptions, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "start"));
        command.addAll(arguments);
        Path errors = Files.createTempFile("emulator-stderr", ".txt");
        errors.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            first = null;
        }
        long elapsed = System.nanoTime() - started;
        if (first == null || !first.startsWith("http")) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            throw new IllegalStateException("The emulator did not start (exit " + (process.isAlive() ? "-"
                    : process.exitValue()) + "): " + Files.readString(errors, StandardCharsets.UTF_8));
        }
        // Keep draining so the process never blocks on a full pipe.
        Thread.ofVirtual().start(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return new EmulatorProcess(process, URI.create(first.trim()), elapsed);
    }

    public URI endpoint() {
        return endpoint;
    }

    public long startupNanos() {
        return startupNanos;
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the clean shutdown; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
