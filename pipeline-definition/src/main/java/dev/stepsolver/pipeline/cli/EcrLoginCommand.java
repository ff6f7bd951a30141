package dev.stepsolver.pipeline.cli;

import dev.stepsolver.pipeline.ecr.DockerConfig;
import dev.stepsolver.pipeline.ecr.EcrLogin;
import dev.stepsolver.pipeline.ecr.RegistryCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ecr-login", mixinStandardHelpOptions = true,
        description = {"Gets registry credentials from ECR (GetAuthorizationToken) and writes them into the Docker config",
                "Jib reads (auths.<registry>), or prints the password. Needs neither the AWS CLI nor Docker."})
final class EcrLoginCommand extends ServiceCommand implements Callable<Integer> {

    @Option(names = "--docker-config", description = "Docker config file (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json).")
    Optional<Path> dockerConfig = Optional.empty();

    @Option(names = "--repository-uri", description = "Also file the credentials under this repository's registry host; repeatable.")
    List<String> repositoryUris = new ArrayList<>();

    @Option(names = "--print-password", description = "Print the password on stdout (like get-login-password) instead of writing the config.")
    boolean printPassword;

    @Override
    public Integer call() throws Exception {
        RegistryCredentials credentials = new EcrLogin(services.ecr()).credentials();
        if (printPassword) {
            out().println(credentials.password());
            return 0;
        }
        List<String> hosts = new ArrayList<>(List.of(credentials.registry()));
        repositoryUris.stream().map(EcrLogin::registryHost).filter(h -> !hosts.contains(h)).forEach(hosts::add);
        Path config = dockerConfig.orElse(DockerConfig.defaultLocation(services.environment()));
        DockerConfig.write(config, credentials, hosts);
        out().println("credentials for " + String.join(", ", hosts) + " written to " + config);
        return 0;
    }
}
