package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import dev.stepsolver.emulator.lambda.PolicyStatement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::Lambda::Permission}: a statement in the resource policy of the function, version or
 * alias {@code FunctionName} names (stored by the Lambda backend, readable with GetPolicy, not
 * evaluated). The physical id is the statement id; every property replaces it, as in AWS.
 */
final class LambdaPermissionProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("Action", "FunctionName", "Principal", "SourceArn",
            "SourceAccount", "EventSourceToken", "PrincipalOrgID");

    private final LambdaBackend lambda;

    LambdaPermissionProvider(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Permission";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of();
    }

    @Override
    public Set<String> replacementProperties() {
        return PROPERTIES;
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String statementId = request.generatedName(100);
        lambda.addPermission(props.requiredText("FunctionName"), Optional.empty(), new PolicyStatement(statementId,
                props.requiredText("Action"), props.requiredText("Principal"), props.text("SourceArn").orElse(null),
                props.text("SourceAccount").orElse(null), props.text("PrincipalOrgID").orElse(null),
                props.text("EventSourceToken").orElse(null)), Optional.empty());
        return statementId;
    }

    @Override
    public void update(ResourceRequest request, String statementId, JsonNode oldProperties) {
        // every property replaces a permission: nothing changes in place
    }

    @Override
    public void delete(ResourceRequest request, String statementId) {
        lambda.removePermission(request.props().requiredText("FunctionName"), Optional.empty(), statementId,
                Optional.empty());
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String statementId) {
        return Map.of();
    }
}
