package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.bootstrap.Bootstrapper;
import dev.stepsolver.pipeline.bootstrap.MavenJibImageBuilder;
import dev.stepsolver.pipeline.deploy.StackDeployer;
import dev.stepsolver.pipeline.ecr.DockerConfig;
import dev.stepsolver.pipeline.ecr.EcrLogin;
import dev.stepsolver.pipeline.ecr.RegistryCredentials;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.SynthTarget;
import dev.stepsolver.pipeline.synth.Synthesis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"From an empty account to the running stack: deploys the image repository, builds and pushes",
                "the first image with Jib (or takes --image-uri), deploys the whole stack with it, and copies the",
                "API key into SSM. Re-running it is safe: finished steps are skipped."})
final class BootstrapCommand extends ServiceCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--image-uri", description = "An image already pushed to the stack's repository; skips the build.")
    Optional<String> imageUri = Optional.empty();

    @Option(names = "--image-tag", defaultValue = "bootstrap", description = "Tag of the first image (default: ${DEFAULT-VALUE}).")
    String imageTag;

    @Option(names = "--base-image", description = "Base image for Jib and the build project (default: the model's, the AWS Lambda Java 21 base).")
    Optional<String> baseImage = Optional.empty();

    @Option(names = "--source-dir", defaultValue = ".", description = "Repository root with mvnw (default: ${DEFAULT-VALUE}).")
    Path sourceDir;

    @Option(names = "--docker-config", description = "Docker config file for the registry credentials (default: ~/.docker/config.json).")
    Optional<Path> dockerConfig = Optional.empty();

    @Option(names = "--build-timeout", defaultValue = "PT30M", description = "Longest image build (default: ${DEFAULT-VALUE}).")
    Duration buildTimeout;

    @Option(names = "--timeout", defaultValue = "PT60M", description = "Longest wait for each stack deploy (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--poll", defaultValue = "PT5S", description = "Interval between status polls (default: ${DEFAULT-VALUE}).")
    Duration poll;

    @Override
    public Integer call() throws Exception {
        DeploymentModel m = model.load();
        ModelChecks.requireValid(m);
        String template = Synthesis.of(m, SynthTarget.of(SynthTarget.DEFAULT_ACCOUNT, SynthTarget.DEFAULT_REGION,
                m.source().connectionName())).templateJson();
        List<String> jibArguments = new ArrayList<>();
        if (!services.environment().getOrDefault("AWS_ENDPOINT_URL", "").isBlank()) {
            // A local registry (the emulator's) speaks plain HTTP.
            jibArguments.add("-Djib.allowInsecureRegistries=true");
            jibArguments.add("-DsendCredentialsOverHttp=true");
        }
        Path config = dockerConfig.orElse(DockerConfig.defaultLocation(services.environment()));
        Bootstrapper bootstrapper = new Bootstrapper(
                new StackDeployer(services.cloudFormation(), services.sleeper(), poll, timeout, out()),
                new MavenJibImageBuilder(sourceDir, jibArguments, buildTimeout),
                repositoryUri -> {
                    RegistryCredentials credentials = new EcrLogin(services.ecr()).credentials();
                    DockerConfig.write(config, credentials, List.of(credentials.registry(), EcrLogin.registryHost(repositoryUri)));
                },
                services.apiGateway(), services.ssm(), out());
        bootstrapper.run(m, template, imageUri, imageTag, baseImage.orElse(m.function().defaultBaseImage()));
        return 0;
    }
}
