package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.Patch;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.RestApiSpec;
import dev.stepsolver.emulator.apigateway.RestApiRecord;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::RestApi} built resource by resource (an OpenAPI {@code Body} is not
 * supported); physical id and {@code Ref} are the API id.
 */
final class ApiGatewayRestApiProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("Name", "Description", "EndpointConfiguration",
            "BinaryMediaTypes", "ApiKeySourceType", "DisableExecuteApiEndpoint", "Tags");

    private final ApiGatewayBackend apiGateway;

    ApiGatewayRestApiProvider(ApiGatewayBackend apiGateway) {
        this.apiGateway = apiGateway;
    }

    @Override
    public String type() {
        return "AWS::ApiGateway::RestApi";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("RestApiId", "RootResourceId");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = checked(request);
        List<String> endpointTypes = props.object("EndpointConfiguration").map(c -> {
            c.permitOnly(Set.of("Types"));
            return c.texts("Types");
        }).orElse(List.of());
        RestApiSpec spec = new RestApiSpec(props.requiredText("Name"), props.text("Description"), endpointTypes,
                props.texts("BinaryMediaTypes"), props.text("ApiKeySourceType"),
                props.bool("DisableExecuteApiEndpoint").orElse(false), props.tags());
        return apiGateway.createRestApi(spec).id();
    }

    @Override
    public void update(ResourceRequest request, String apiId, JsonNode oldProperties) {
        ResourceProperties props = checked(request);
        RestApiRecord current = apiGateway.restApi(apiId);
        List<Patch> patches = new ArrayList<>();
        patches.add(Patch.replace("/name", props.requiredText("Name")));
        patches.add(Patch.set("/description", props.text("Description")));
        patches.add(Patch.replace("/apiKeySource", props.text("ApiKeySourceType").orElse("HEADER")));
        patches.add(Patch.replace("/disableExecuteApiEndpoint",
                String.valueOf(props.bool("DisableExecuteApiEndpoint").orElse(false))));
        List<String> binary = props.texts("BinaryMediaTypes");
        current.binaryMediaTypes().stream().filter(type -> !binary.contains(type))
                .forEach(type -> patches.add(Patch.remove("/binaryMediaTypes/" + escape(type))));
        binary.stream().filter(type -> !current.binaryMediaTypes().contains(type))
                .forEach(type -> patches.add(new Patch("add", "/binaryMediaTypes/" + escape(type), Optional.empty(),
                        Optional.empty())));
        apiGateway.updateRestApi(apiId, patches);
    }

    @Override
    public void delete(ResourceRequest request, String apiId) {
        apiGateway.deleteRestApi(apiId);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String apiId) {
        return Map.of("RestApiId", TextNode.valueOf(apiId),
                "RootResourceId", TextNode.valueOf(apiGateway.restApi(apiId).rootResourceId()));
    }

    private static ResourceProperties checked(ResourceRequest request) {
        ResourceProperties props = request.props();
        if (props.has("Body") || props.has("BodyS3Location")) {
            throw ResourceFailure.notSupported("An OpenAPI definition (Body, BodyS3Location) of resource "
                    + request.logicalId() + " is not supported by this emulator: declare resources and methods");
        }
        props.permitOnly(PROPERTIES);
        return props;
    }

    /** A media type in a patch path: {@code /} is written {@code ~1}. */
    private static String escape(String mediaType) {
        return mediaType.replace("~", "~0").replace("/", "~1");
    }
}
