package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code AWS::Lambda::Alias} with weighted routing; physical id and {@code Ref} are the alias ARN. */
final class LambdaAliasProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("FunctionName", "FunctionVersion", "Name", "Description",
            "RoutingConfig");

    private final LambdaBackend lambda;

    LambdaAliasProvider(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Alias";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("AliasArn");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FunctionName", "Name");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String function = lambda.function(props.requiredText("FunctionName")).name();
        String name = props.requiredText("Name");
        lambda.createAlias(function, name, props.requiredText("FunctionVersion"), props.text("Description"),
                weights(props));
        return lambda.functionArn(function) + ":" + name;
    }

    @Override
    public void update(ResourceRequest request, String arn, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        LambdaFunctions.Qualified alias = LambdaFunctions.Qualified.parse(arn);
        lambda.updateAlias(alias.function(), alias.qualifier(), Optional.of(props.requiredText("FunctionVersion")),
                Optional.of(props.text("Description").orElse("")), Optional.of(weights(props)), Optional.empty());
    }

    @Override
    public void delete(ResourceRequest request, String arn) {
        LambdaFunctions.Qualified alias = LambdaFunctions.Qualified.parse(arn);
        lambda.alias(alias.function(), alias.qualifier());
        lambda.deleteAlias(alias.function(), alias.qualifier());
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String arn) {
        return Map.of("AliasArn", TextNode.valueOf(arn));
    }

    /** {@code RoutingConfig.AdditionalVersionWeights: [{FunctionVersion, FunctionWeight}]}. */
    private static Map<String, Double> weights(ResourceProperties props) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Optional<ResourceProperties> routing = props.object("RoutingConfig");
        if (routing.isEmpty()) {
            return weights;
        }
        routing.get().permitOnly(Set.of("AdditionalVersionWeights"));
        for (ResourceProperties weight : routing.get().objects("AdditionalVersionWeights")) {
            weights.put(weight.requiredText("FunctionVersion"), weight.number("FunctionWeight").orElseThrow(() ->
                    weight.invalid("#/RoutingConfig/AdditionalVersionWeights: required key [FunctionWeight] not"
                            + " found")));
        }
        return weights;
    }
}
