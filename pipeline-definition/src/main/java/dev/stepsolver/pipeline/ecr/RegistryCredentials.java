package dev.stepsolver.pipeline.ecr;

/** A registry host and the user name and password ECR issued for it. */
public record RegistryCredentials(String registry, String username, String password) {

    @Override
    public String toString() {
        return "RegistryCredentials[registry=" + registry + ", username=" + username + ", password=***]";
    }
}
