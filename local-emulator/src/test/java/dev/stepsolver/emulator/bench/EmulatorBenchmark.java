package dev.stepsolver.emulator.bench;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.EmulatorProcess;
import dev.stepsolver.emulator.LocalEmulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Not a test: measures start-up of the jar (process start to endpoint line) and S3 put/get and
 * SSM GetParameter latency through the SDK on loopback. Run with
 * {@code ./mvnw -pl local-emulator -am verify -Pbench -DskipTests}.
 */
public final class EmulatorBenchmark {

    private static final int STARTS = 7;
    private static final int WARM_UP = 1_000;
    private static final int CALLS = 3_000;

    private EmulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d cores, load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        startup();
        latency();
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static void startup() throws Exception {
        measureStartup("java -jar ... start", List.of());
        // JDK 25's AOT cache (JEP 483/514): one training run writes it at exit, later runs load and link
        // the emulator's classes from it. Users opt in with JDK_JAVA_OPTIONS=-XX:AOTCache=<file>.
        Path cache = Files.createTempDirectory("emulator-aot").resolve("emulator.aot");
        try (EmulatorProcess training = EmulatorProcess.start(List.of("-XX:AOTCacheOutput=" + cache),
                List.of("--port", "0"))) {
            training.stop();
        }
        if (Files.exists(cache)) {
            measureStartup("java -XX:AOTCache=<file> -jar ... start", List.of("-XX:AOTCache=" + cache));
        } else {
            System.out.println("AOT cache not written by this JDK; skipped the AOT start-up measurement");
        }
    }

    private static void measureStartup(String what, List<String> jvmOptions) throws Exception {
        long[] millis = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            try (EmulatorProcess process = EmulatorProcess.start(jvmOptions, List.of("--port", "0"))) {
                millis[i] = process.startupNanos() / 1_000_000;
                process.stop();
            }
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "startup to ready (%s, %d runs): median %d ms, min %d ms, max %d ms,"
                + " all %s (load average now %s)%n", what, STARTS, sorted[STARTS / 2], sorted[0], sorted[STARTS - 1],
                Arrays.toString(millis), loadAverage());
    }

    private static void latency() throws Exception {
        try (LocalEmulator emulator = LocalEmulator.builder().port(0).build().start();
                S3Client s3 = Clients.s3(emulator.endpoint());
                SsmClient ssm = Clients.ssm(emulator.endpoint())) {
            s3.createBucket(r -> r.bucket("bench"));
            byte[] kib = new byte[1024];
            Arrays.fill(kib, (byte) 'x');
            ssm.putParameter(r -> r.name("/bench/p").value("value").type(ParameterType.STRING));

            report("S3 PutObject 1 KiB", i -> s3.putObject(r -> r.bucket("bench").key("k" + (i % 100)),
                    RequestBody.fromBytes(kib)));
            report("S3 GetObject 1 KiB", i -> s3.getObjectAsBytes(r -> r.bucket("bench").key("k" + (i % 100))));
            report("SSM GetParameter", i -> ssm.getParameter(r -> r.name("/bench/p")));

        }
        Path stateDir = Files.createTempDirectory("bench-state");
        try (LocalEmulator emulator = LocalEmulator.builder().port(0).stateDirectory(stateDir).build().start();
                S3Client s3 = Clients.s3(emulator.endpoint())) {
            s3.createBucket(r -> r.bucket("bench"));
            byte[] kib = new byte[1024];
            report("S3 PutObject 1 KiB, durable state dir (fsync)", i -> s3.putObject(r -> r.bucket("bench")
                    .key("k" + (i % 100)), RequestBody.fromBytes(kib)));
        }
    }

    private static void report(String name, Consumer<Integer> call) {
        for (int i = 0; i < WARM_UP; i++) {
            call.accept(i);
        }
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-48s p50 %.2f ms  p99 %.2f ms  (%d calls after %d warm-up)%n", name,
                nanos[CALLS / 2] / 1e6, nanos[CALLS * 99 / 100] / 1e6, CALLS, WARM_UP);
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%.2f", load);
    }

}
