package dev.stepsolver.pipeline.model;

/**
 * The solver's container-image Lambda function, its ECR repository and its two aliases.
 * {@code defaultBaseImage} feeds the build project's BASE_IMAGE (Jib's {@code jib.from.image}):
 * the AWS Lambda Java 21 base on AWS; the emulator overrides the template parameter.
 */
public record FunctionSpec(
        String name,
        String imageRepositoryName,
        int memoryMb,
        int timeoutSeconds,
        String architecture,
        String betaAlias,
        String prodAlias,
        String defaultBaseImage) {

    public static final String AWS_LAMBDA_JAVA_21_BASE = "public.ecr.aws/lambda/java:21";

    static FunctionSpec defaults(String prefix) {
        return new FunctionSpec(prefix + "-solver", prefix + "-solver", 1024, 15, "x86_64",
                "beta", "prod", AWS_LAMBDA_JAVA_21_BASE);
    }

    public FunctionSpec withName(String value) {
        return new FunctionSpec(value, imageRepositoryName, memoryMb, timeoutSeconds, architecture,
                betaAlias, prodAlias, defaultBaseImage);
    }

    public FunctionSpec withAliases(String beta, String prod) {
        return new FunctionSpec(name, imageRepositoryName, memoryMb, timeoutSeconds, architecture,
                beta, prod, defaultBaseImage);
    }
}
