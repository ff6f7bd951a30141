package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.appspec.AppSpecTemplate;
import dev.stepsolver.pipeline.publish.Publisher;
import dev.stepsolver.pipeline.publish.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "publish",
        description = {"Writes the Lambda AppSpec that moves ALIAS from the version it serves to the target version.",
                "With --image-uri: updates the function code, waits until it is ready and publishes the target version.",
                "With --version: takes a version already published. Prints the target version on stdout."})
final class PublishCommand extends ServiceCommand implements Callable<Integer> {

    // No standard -V/--version here: --version names the Lambda version.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--function-name", required = true)
    String functionName;

    @Option(names = "--alias", required = true)
    String alias;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--image-uri", required = true, description = "New image: update the code and publish a version.")
        String imageUri;

        @Option(names = "--version", required = true, description = "A version already published.")
        String version;
    }

    @Option(names = "--appspec-template", defaultValue = "appspec.yml", description = "AppSpec template (default: ${DEFAULT-VALUE}).")
    Path appSpecTemplate;

    @Option(names = "--appspec-out", required = true, description = "Where to write the AppSpec (the root of an artifact).")
    Path appSpecOut;

    @Override
    public Integer call() throws Exception {
        // Read the template first: a bad template must fail before anything changes in AWS.
        AppSpecTemplate template = AppSpecTemplate.parse(Files.readString(appSpecTemplate), appSpecTemplate.toString());
        Publisher publisher = new Publisher(services.lambda(), services.lambdaWaiting(), err());
        Release release = target.imageUri != null
                ? publisher.publish(functionName, alias, target.imageUri)
                : publisher.prepare(functionName, alias, target.version);
        String appSpec = template.render(new AppSpecTemplate.Values(release.functionName(), release.alias(),
                release.currentVersion(), release.targetVersion()));
        if (appSpecOut.toAbsolutePath().getParent() != null) {
            Files.createDirectories(appSpecOut.toAbsolutePath().getParent());
        }
        Files.writeString(appSpecOut, appSpec);
        err().println("wrote " + appSpecOut + ": " + release.alias() + " " + release.currentVersion() + " -> "
                + release.targetVersion());
        out().println(release.targetVersion());
        return 0;
    }
}
