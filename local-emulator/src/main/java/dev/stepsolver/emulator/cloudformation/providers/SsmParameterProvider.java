package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.ssm.SsmBackend;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code AWS::SSM::Parameter} (String and StringList: CloudFormation cannot create SecureStrings). */
final class SsmParameterProvider implements ResourceProvider {

    /** Tier and tags are accepted and not modelled. */
    private static final Set<String> PROPERTIES = Set.of("Name", "Type", "Value", "Description", "AllowedPattern",
            "DataType", "Tier", "Tags");

    private final SsmBackend ssm;

    SsmParameterProvider(SsmBackend ssm) {
        this.ssm = ssm;
    }

    @Override
    public String type() {
        return "AWS::SSM::Parameter";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Type", "Value");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("Name");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        String name = props.text("Name").orElseGet(() -> request.generatedName("CFN", 2048));
        put(props, name, false);
        return name;
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        put(request.props(), name, true);
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        ssm.delete(name);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        SsmBackend.Read read = ssm.get(name, false);
        return Map.of("Type", TextNode.valueOf(read.version().type()), "Value", TextNode.valueOf(read.value()));
    }

    private void put(ResourceProperties props, String name, boolean overwrite) {
        props.permitOnly(PROPERTIES);
        String type = props.requiredText("Type");
        if (!type.equals("String") && !type.equals("StringList")) {
            throw props.invalid("#/Type: " + type + " is not a valid enum value (String, StringList)");
        }
        String value = props.requiredText("Value");
        Optional<String> pattern = props.text("AllowedPattern");
        if (pattern.isPresent()) {
            boolean matches;
            try {
                matches = Pattern.compile(pattern.get()).matcher(value).matches();
            } catch (PatternSyntaxException e) {
                throw props.invalid("#/AllowedPattern: not a valid regular expression");
            }
            if (!matches) {
                throw ResourceFailure.of(ResourceFailure.Code.InvalidRequest, "Parameter value, " + value
                        + ", failed to satisfy constraint specified by AllowedPattern: " + pattern.get());
            }
        }
        ssm.put(new SsmBackend.PutRequest(name, value, Optional.of(type), overwrite, props.text("Description"),
                Optional.empty(), props.text("DataType")));
    }
}
