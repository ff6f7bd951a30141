package dev.stepsolver.pipeline.bootstrap;

import dev.stepsolver.pipeline.deploy.ApiKeys;
import dev.stepsolver.pipeline.deploy.StackDeployer;
import dev.stepsolver.pipeline.deploy.StackOutcome;
import dev.stepsolver.pipeline.model.DeploymentModel;
import dev.stepsolver.pipeline.synth.PipelineNames;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * From an empty account to a running stack in one command. The function needs an image before
 * it can exist, so: (1) deploy the template without an image, which creates only the ECR
 * repository; (2) build and push the first image (or take one already pushed); (3) deploy
 * again with the image, which creates everything else; (4) copy the generated API key into its
 * SSM SecureString. Each step is skipped when the stack already has what it makes.
 */
public final class Bootstrapper {

    /** What a caller needs afterwards: the stack outputs and the image it runs. */
    public record Result(StackOutcome stack, String imageUri) {
    }

    /** Stands for "log in to the registry the repository lives in", done before the image build. */
    @FunctionalInterface
    public interface RegistryLogin {
        void login(String repositoryUri) throws Exception;
    }

    private final StackDeployer deployer;
    private final ImageBuilder images;
    private final RegistryLogin registryLogin;
    private final ApiGatewayClient apiGateway;
    private final SsmClient ssm;
    private final PrintWriter out;

    public Bootstrapper(StackDeployer deployer, ImageBuilder images, RegistryLogin registryLogin,
                        ApiGatewayClient apiGateway, SsmClient ssm, PrintWriter out) {
        this.deployer = deployer;
        this.images = images;
        this.registryLogin = registryLogin;
        this.apiGateway = apiGateway;
        this.ssm = ssm;
        this.out = out;
    }

    public Result run(DeploymentModel model, String templateJson, Optional<String> imageUri, String imageTag,
                      String baseImage) throws Exception {
        String stackName = model.stackName();
        Optional<Stack> existing = deployer.describe(stackName);
        Optional<String> deployedImage = existing.flatMap(s -> s.parameters().stream()
                .filter(p -> p.parameterKey().equals(PipelineNames.PARAM_IMAGE_URI))
                .map(Parameter::parameterValue)
                .filter(v -> v != null && !v.isBlank())
                .findFirst());

        String image;
        if (imageUri.isPresent()) {
            image = imageUri.get();
        } else if (deployedImage.isPresent()) {
            image = deployedImage.get();
            out.println("step 1-2: the stack already runs image " + image);
        } else {
            out.println("step 1: the image repository");
            StackOutcome repository = deployer.deploy(stackName, templateJson,
                    Map.of(PipelineNames.PARAM_IMAGE_URI, "", PipelineNames.PARAM_BASE_IMAGE, baseImage));
            requireSuccess(repository);
            String repositoryUri = Optional.ofNullable(repository.outputs().get("RepositoryUri"))
                    .orElseThrow(() -> new IllegalStateException("the stack has no RepositoryUri output"));
            image = repositoryUri + ":" + imageTag;
            out.println("step 2: building and pushing " + image + " on " + baseImage);
            registryLogin.login(repositoryUri);
            images.buildAndPush(image, baseImage);
        }

        out.println("step 3: the whole stack with image " + image);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(PipelineNames.PARAM_IMAGE_URI, image);
        parameters.put(PipelineNames.PARAM_BASE_IMAGE, baseImage);
        StackOutcome stack = deployer.deploy(stackName, templateJson, parameters);
        requireSuccess(stack);

        out.println("step 4: the API key into SSM SecureString " + model.api().apiKeyParameterName());
        String apiKeyId = Optional.ofNullable(stack.outputs().get("ApiKeyId"))
                .orElseThrow(() -> new IllegalStateException("the stack has no ApiKeyId output"));
        ApiKeys.copyToSsm(apiGateway, ssm, apiKeyId, model.api().apiKeyParameterName());

        out.println("bootstrap done; stack outputs:");
        stack.outputs().forEach((k, v) -> out.println("  " + k + " = " + v));
        out.println("On AWS, complete the GitHub connection " + stack.outputs().getOrDefault("ConnectionArn", "")
                + " in the console (it starts PENDING); the pipeline runs on the next push.");
        return new Result(stack, image);
    }

    private static void requireSuccess(StackOutcome outcome) throws StackDeployer.DeployException {
        if (!outcome.succeeded()) {
            throw new StackDeployer.DeployException("stack " + outcome.stackName() + " ended " + outcome.status());
        }
    }
}
