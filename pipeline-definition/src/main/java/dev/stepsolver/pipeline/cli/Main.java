package dev.stepsolver.pipeline.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one runnable jar the buildspecs and the bootstrap use. */
@Command(name = "pipeline-definition",
        mixinStandardHelpOptions = true,
        version = "pipeline-definition 0.1.0",
        description = "Synthesizes, validates and deploys the stepsolver stack and pipeline; the commands the buildspecs run.",
        subcommands = {
                SynthCommand.class,
                ValidateCommand.class,
                DeployCommand.class,
                BootstrapCommand.class,
                PublishCommand.class,
                IntegrationTestCommand.class,
                EcrLoginCommand.class,
                ApiStageDeploymentCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(Services.aws(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; returns the exit code. Failures are messages, never stack traces. */
    public static int run(Services services, PrintWriter out, PrintWriter err, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof ServiceCommand command) {
                    command.services = services;
                }
                return made;
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message;
    }
}
