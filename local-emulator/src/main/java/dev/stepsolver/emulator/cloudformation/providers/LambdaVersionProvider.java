package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.lambda.FunctionVersion;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::Lambda::Version}: publishes $LATEST once it is Active; physical id and {@code Ref}
 * are the version's ARN. Every property replaces it, as in AWS.
 */
final class LambdaVersionProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("FunctionName", "Description", "CodeSha256");

    private final LambdaBackend lambda;

    LambdaVersionProvider(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Version";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Version", "FunctionArn");
    }

    @Override
    public Set<String> replacementProperties() {
        return PROPERTIES;
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String function = lambda.function(props.requiredText("FunctionName")).name();
        LambdaFunctions.settle(lambda, function);
        FunctionVersion version = lambda.publishVersion(function, props.text("CodeSha256"),
                props.text("Description"), Optional.empty());
        return lambda.functionArn(function) + ":" + version.version();
    }

    @Override
    public void update(ResourceRequest request, String physicalId, JsonNode oldProperties) {
        // every property replaces a version: nothing changes in place
    }

    @Override
    public void delete(ResourceRequest request, String arn) {
        LambdaFunctions.Qualified version = LambdaFunctions.Qualified.parse(arn);
        lambda.deleteFunction(version.function(), Optional.of(version.qualifier()));
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String arn) {
        return Map.of("Version", TextNode.valueOf(LambdaFunctions.Qualified.parse(arn).qualifier()),
                "FunctionArn", TextNode.valueOf(arn));
    }
}
