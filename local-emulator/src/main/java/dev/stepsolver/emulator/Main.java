package dev.stepsolver.emulator;

import dev.stepsolver.emulator.state.StateCorruptedException;
import dev.stepsolver.emulator.time.ScaledClock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local-emulator start [--port 4566] [--host 127.0.0.1] [--state-dir DIR] [--time-scale N]}. */
@Command(name = "local-emulator", mixinStandardHelpOptions = true, version = "local-emulator 0.1.0",
        description = "An AWS-compatible endpoint on one local port.",
        subcommands = {Main.Start.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Thread warmUp = new Thread(Main::loadServerClasses, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /**
     * Loads and links the HTTP server's classes on the second core while picocli reads the
     * command line: start-up is mostly class loading, and this halves the part that overlaps.
     * Nothing is bound or started here.
     */
    private static void loadServerClasses() {
        try {
            org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server();
            new org.eclipse.jetty.server.ServerConnector(server,
                    new org.eclipse.jetty.server.HttpConnectionFactory(new org.eclipse.jetty.server.HttpConfiguration()));
            Class.forName("dev.stepsolver.emulator.http.EdgeServer");
            Class.forName("org.eclipse.jetty.server.internal.HttpConnection");
            Class.forName("org.eclipse.jetty.http.HttpParser");
            Class.forName("org.eclipse.jetty.http.HttpGenerator");
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            // only an optimization: the real start-up loads whatever is missing
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: start");
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts the emulator and prints its endpoint when ready; runs until stopped.")
    static final class Start implements Callable<Integer> {

        @Option(names = "--port", defaultValue = "4566", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--state-dir", description = "Keep state durably in this directory.")
        Path stateDir;

        @Option(names = "--time-scale", defaultValue = "1", description = "Emulated seconds per real second. Default: ${DEFAULT-VALUE}.")
        double timeScale;

        @Option(names = "--account-id", defaultValue = "000000000000", description = "Account id. Default: ${DEFAULT-VALUE}.")
        String accountId;

        @Option(names = "--region", defaultValue = "us-east-1", description = "Default region. Default: ${DEFAULT-VALUE}.")
        String region;

        @Override
        public Integer call() throws InterruptedException {
            if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
                System.err.println("--time-scale must be a positive number, got " + timeScale);
                return 2;
            }
            LocalEmulator.Builder builder = LocalEmulator.builder().host(host).port(port).region(region)
                    .accountId(accountId).clock(new ScaledClock(timeScale));
            if (stateDir != null) {
                builder.stateDirectory(stateDir);
            }
            LocalEmulator emulator;
            try {
                emulator = builder.build().start();
            } catch (StateCorruptedException e) {
                System.err.println(e.getMessage());
                return 3;
            } catch (IllegalStateException | IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                emulator.close();
                stopped.countDown();
            }, "emulator-shutdown"));
            System.out.println(emulator.endpoint());
            System.out.flush();
            stopped.await();
            return 0;
        }
    }
}
