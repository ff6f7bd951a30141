package dev.stepsolver.emulator;

import dev.stepsolver.emulator.codebuild.CodeBuildBackend;
import dev.stepsolver.emulator.codebuild.ConsoleBuildOutput;
import dev.stepsolver.emulator.codepipeline.CodePipelineModule;
import dev.stepsolver.emulator.codepipeline.CodePipelineSettings;
import dev.stepsolver.emulator.state.StateCorruptedException;
import dev.stepsolver.emulator.time.ScaledClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code local-emulator start [--port 4566] [--host 127.0.0.1] [--state-dir DIR] [--time-scale N] [--build-output]}.
 * The command line is declared with picocli's programmatic model rather than annotations: same
 * parsing, help and errors, without the reflection that made up a fifth of start-up.
 */
public final class Main {

    static final int EXIT_USAGE = 2;
    static final int EXIT_CORRUPT_STATE = 3;
    static final int EXIT_CANNOT_START = 1;

    private Main() {
    }

    public static void main(String[] args) {
        Thread warmUp = new Thread(Main::loadServerClasses, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        int exit = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The command line, as a picocli model. */
    static CommandLine commandLine() {
        CommandSpec start = CommandSpec.create().name("start");
        addHelpOptions(start);
        start.usageMessage().description("Starts the emulator, prints its endpoint when ready, runs until stopped.");
        start.addOption(option("--port", int.class, "4566", "PORT", "Port to listen on (0: any free port)."));
        start.addOption(option("--host", String.class, "127.0.0.1", "HOST", "Address to bind."));
        start.addOption(OptionSpec.builder("--state-dir").type(Path.class).paramLabel("DIR")
                .description("Keep state durably in this directory (default: in memory only).").build());
        start.addOption(option("--time-scale", double.class, "1", "N", "Emulated seconds per real second."));
        start.addOption(option("--account-id", String.class, "000000000000", "ID", "The account id."));
        start.addOption(option("--region", String.class, "us-east-1", "REGION", "The default region."));
        start.addOption(OptionSpec.builder("--repository").type(String[].class).paramLabel("OWNER/REPO=PATH")
                .description("Connect a local git repository (a path or file:// URL) as OWNER/REPO for CodeConnections"
                        + " source actions and pipeline triggers; may be repeated.").build());
        start.addOption(OptionSpec.builder("--webhook-secret").type(String.class).paramLabel("SECRET")
                .description("The secret push webhooks (/_emulator/codepipeline/webhooks/NAME) are signed with"
                        + " (X-Hub-Signature-256); without it webhooks are refused.").build());
        start.addOption(OptionSpec.builder("--build-output").arity("0")
                .description("Echo the output of CodeBuild builds to the console as they run.").build());
        CommandSpec main = CommandSpec.create().name("local-emulator").version("local-emulator 0.1.0");
        addHelpOptions(main);
        main.usageMessage().description("An AWS-compatible endpoint on one local port.");
        main.addSubcommand("start", start);
        return new CommandLine(main);
    }

    /** -h and -V, declared directly: picocli's standard-help mixin is built from annotations. */
    private static void addHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    private static OptionSpec option(String name, Class<?> type, String defaultValue, String label, String text) {
        return OptionSpec.builder(name).type(type).defaultValue(defaultValue).paramLabel(label)
                .description(text + " Default: " + defaultValue + ".").build();
    }

    /** Parses and runs; returns the exit code (a started emulator runs until the JVM is told to stop). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return EXIT_USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        if (!parsed.hasSubcommand()) {
            err.println("Missing command: start");
            commandLine.usage(err);
            return EXIT_USAGE;
        }
        ParseResult start = parsed.subcommand();
        double timeScale = start.matchedOptionValue("--time-scale", 1.0);
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            err.println("--time-scale must be a positive number, got " + timeScale);
            return EXIT_USAGE;
        }
        LocalEmulator.Builder builder = LocalEmulator.builder()
                .host(start.matchedOptionValue("--host", "127.0.0.1"))
                .port(start.matchedOptionValue("--port", 4566))
                .region(start.matchedOptionValue("--region", "us-east-1"))
                .accountId(start.matchedOptionValue("--account-id", "000000000000"))
                .clock(new ScaledClock(timeScale));
        String[] repositories = start.matchedOptionValue("--repository", new String[0]);
        for (String repository : repositories) {
            int equals = repository.indexOf('=');
            if (equals <= 0 || equals == repository.length() - 1) {
                err.println("--repository takes OWNER/REPO=PATH, got " + repository);
                return EXIT_USAGE;
            }
            builder.repository(repository.substring(0, equals), repository.substring(equals + 1));
        }
        String webhookSecret = start.matchedOptionValue("--webhook-secret", null);
        if (webhookSecret != null) {
            if (webhookSecret.isEmpty()) {
                err.println("--webhook-secret must not be empty");
                return EXIT_USAGE;
            }
            builder.replaceModule(new CodePipelineModule(CodePipelineSettings.defaults()
                    .withWebhookSecret(webhookSecret)));
        }
        Path stateDir = start.matchedOptionValue("--state-dir", null);
        if (stateDir != null) {
            builder.stateDirectory(stateDir);
        }
        LocalEmulator emulator;
        try {
            emulator = builder.build().start();
        } catch (StateCorruptedException e) {
            err.println(e.getMessage());
            return EXIT_CORRUPT_STATE;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return EXIT_CANNOT_START;
        }
        if (start.hasMatchedOption("--build-output")) {
            emulator.context().findBackend(CodeBuildBackend.class)
                    .ifPresent(codeBuild -> codeBuild.addListener(new ConsoleBuildOutput(out)));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        out.println(emulator.endpoint());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Loads and links the HTTP server's classes on the second core while the command line is read:
     * start-up is mostly class loading. Nothing is bound or started here.
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
}
