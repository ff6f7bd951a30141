package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.lambda.FunctionVersion;
import dev.stepsolver.emulator.lambda.LambdaBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::Lambda::Function} (container images: the emulator runs no zip functions) through the
 * Lambda backend; create and update wait for the function to be Active, as CloudFormation does.
 */
final class LambdaFunctionProvider implements ResourceProvider {

    /** Tags, tracing and logging settings are accepted and not modelled. */
    private static final Set<String> PROPERTIES = Set.of("FunctionName", "Role", "Code", "PackageType", "MemorySize",
            "Timeout", "Architectures", "Environment", "Description", "ImageConfig", "ReservedConcurrentExecutions",
            "Tags", "TracingConfig", "LoggingConfig");

    private final LambdaBackend lambda;

    LambdaFunctionProvider(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Function";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Arn");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FunctionName", "PackageType");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("FunctionName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String image = imageUri(props);
        String name = props.text("FunctionName").orElseGet(() -> request.generatedName(64));
        ImageSettings settings = ImageSettings.of(props);
        lambda.createFunction(name, image, new LambdaBackend.Configuration(Optional.of(props.requiredText("Role")),
                props.integer("Timeout"), props.integer("MemorySize"), Optional.of(environment(props)),
                props.text("Description"), settings.command(), settings.entryPoint(), settings.workingDirectory()),
                props.texts("Architectures"), false);
        props.integer("ReservedConcurrentExecutions").ifPresent(reserved ->
                lambda.putReservedConcurrency(name, Optional.of(reserved)));
        return name;
    }

    @Override
    public void awaitStable(ResourceRequest request, String name) {
        LambdaFunctions.settle(lambda, name);
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String image = imageUri(props);
        FunctionVersion current = LambdaFunctions.settle(lambda, name);
        List<String> architectures = props.texts("Architectures").isEmpty() ? List.of("x86_64")
                : props.texts("Architectures");
        if (!architectures.equals(current.architectures())) {
            throw ResourceFailure.notSupported("Changing the Architectures of a function is not supported by this"
                    + " emulator");
        }
        ImageSettings settings = ImageSettings.of(props);
        String role = props.requiredText("Role");
        int timeout = props.integer("Timeout").orElse(3);
        int memory = props.integer("MemorySize").orElse(128);
        Map<String, String> environment = environment(props);
        String description = props.text("Description").orElse("");
        List<String> command = settings.command().orElse(List.of());
        List<String> entryPoint = settings.entryPoint().orElse(List.of());
        boolean configurationChanged = !role.equals(current.role()) || timeout != current.timeout()
                || memory != current.memorySize() || !environment.equals(current.environment())
                || !description.equals(current.description()) || !command.equals(current.command())
                || !entryPoint.equals(current.entryPoint())
                || settings.workingDirectory().isPresent()
                        && !Objects.equals(settings.workingDirectory().get(), current.workingDirectory());
        if (configurationChanged) {
            lambda.updateConfiguration(name, new LambdaBackend.Configuration(Optional.of(role), Optional.of(timeout),
                    Optional.of(memory), Optional.of(environment), Optional.of(description), Optional.of(command),
                    Optional.of(entryPoint), settings.workingDirectory()), Optional.empty());
            LambdaFunctions.settle(lambda, name);
        }
        if (!image.equals(current.imageUri())) {
            lambda.updateCode(name, image, false, Optional.empty());
            LambdaFunctions.settle(lambda, name);
        }
        Optional<Integer> reserved = props.integer("ReservedConcurrentExecutions");
        if (!reserved.equals(lambda.function(name).reserved())) {
            lambda.putReservedConcurrency(name, reserved);
        }
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        lambda.deleteFunction(name, Optional.empty());
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of("Arn", TextNode.valueOf(lambda.function(name).arn()));
    }

    private static String imageUri(ResourceProperties props) {
        String packageType = props.text("PackageType").orElse("Image");
        ResourceProperties code = props.object("Code").orElseThrow(() -> props.invalid(
                "#: required key [Code] not found"));
        if (!packageType.equals("Image") || !code.has("ImageUri")) {
            throw ResourceFailure.notSupported("This emulator runs container-image functions only (PackageType Image"
                    + " with Code.ImageUri)");
        }
        code.permitOnly(Set.of("ImageUri"));
        return code.requiredText("ImageUri");
    }

    private static Map<String, String> environment(ResourceProperties props) {
        Map<String, String> variables = new LinkedHashMap<>();
        props.object("Environment").flatMap(e -> e.object("Variables"))
                .ifPresent(v -> v.node().properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText())));
        return variables;
    }

    /** The ImageConfig overrides. */
    private record ImageSettings(Optional<List<String>> command, Optional<List<String>> entryPoint,
            Optional<String> workingDirectory) {
        static ImageSettings of(ResourceProperties props) {
            Optional<ResourceProperties> config = props.object("ImageConfig");
            return new ImageSettings(
                    config.filter(c -> c.has("Command")).map(c -> c.texts("Command")),
                    config.filter(c -> c.has("EntryPoint")).map(c -> c.texts("EntryPoint")),
                    config.flatMap(c -> c.text("WorkingDirectory")));
        }
    }
}
