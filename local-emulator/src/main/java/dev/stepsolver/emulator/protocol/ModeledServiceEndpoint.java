package dev.stepsolver.emulator.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The one wire adapter for every Query / JSON 1.0 / JSON 1.1 / RPC v2 CBOR service: finds the
 * operation, binds the input to the SDK request model, checks required members, calls the
 * handler and serializes the SDK response model, or renders the error, in the request's protocol.
 */
public final class ModeledServiceEndpoint implements AwsServiceEndpoint {

    private static final String CBOR_PATH_PREFIX = "/service/";

    private final ServiceMetadata metadata;
    private final Supplier<OperationTable> operationSource;
    private volatile OperationTable operations;

    public ModeledServiceEndpoint(ServiceMetadata metadata, OperationTable operations) {
        this.metadata = metadata;
        this.operations = operations;
        this.operationSource = () -> operations;
    }

    /**
     * An endpoint whose operation table is built on first use: linking the SDK model classes of
     * every operation is most of a service's start-up cost, so it is paid by the first request.
     */
    public ModeledServiceEndpoint(ServiceMetadata metadata, Supplier<OperationTable> operations) {
        this.metadata = metadata;
        this.operationSource = operations;
    }

    private OperationTable operations() {
        OperationTable table = operations;
        if (table == null) {
            synchronized (this) {
                table = operations;
                if (table == null) {
                    table = operationSource.get();
                    operations = table;
                }
            }
        }
        return table;
    }

    public ServiceMetadata metadata() {
        return metadata;
    }

    @Override
    public String signingName() {
        return metadata.signingName();
    }

    @Override
    public Set<String> targetPrefixes() {
        return metadata.targetPrefixes();
    }

    @Override
    public Set<String> cborServiceNames() {
        return metadata.cborServiceNames();
    }

    @Override
    public WireProtocol protocolOf(RequestHead head) {
        if (head.header("smithy-protocol").filter("rpc-v2-cbor"::equalsIgnoreCase).isPresent()) {
            return WireProtocol.RPC_V2_CBOR;
        }
        if (head.header("X-Amz-Target").isPresent()) {
            String contentType = head.header("Content-Type").orElse("");
            if (contentType.contains("amz-json-1.0")) {
                return WireProtocol.JSON_1_0;
            }
            if (contentType.contains("amz-json-1.1")) {
                return WireProtocol.JSON_1_1;
            }
            return metadata.speaks(WireProtocol.JSON_1_1) ? WireProtocol.JSON_1_1 : WireProtocol.JSON_1_0;
        }
        return metadata.speaks(WireProtocol.QUERY) ? WireProtocol.QUERY : metadata.mainProtocol();
    }

    @Override
    public EdgeResponse handle(AwsCall call) {
        EdgeRequest request = call.request();
        WireProtocol protocol = protocolOf(request.head());
        String operationName = operationName(request, protocol);
        if (!metadata.speaks(protocol)) {
            throw unknownOperation(protocol, operationName);
        }
        OperationTable.Operation<?, ?> operation = operations().find(operationName)
                .orElseThrow(() -> unknownOperation(protocol, operationName));
        SdkPojo builder = operation.inputBuilder().get();
        try {
            switch (protocol) {
                case QUERY -> ModelReader.readQuery(queryParameters(request), builder);
                case JSON_1_0, JSON_1_1 -> ModelReader.readTree(parse(Mappers.JSON, request.body()), builder);
                case RPC_V2_CBOR -> ModelReader.readTree(parse(Mappers.CBOR, request.body()), builder);
                default -> throw new IllegalStateException("not a modeled protocol: " + protocol);
            }
        } catch (ModelBindingException e) {
            throw protocol == WireProtocol.QUERY
                    ? AwsException.badRequest("InvalidParameterValue", e.getMessage())
                    : AwsException.badRequest("SerializationException", e.getMessage());
        }
        Object input = ModelReader.build(builder);
        checkRequired((SdkPojo) input, operation.requiredMembers());
        SdkPojo output = operation.invoke(input, call);
        return render(protocol, operationName, output, call.requestId());
    }

    private String operationName(EdgeRequest request, WireProtocol protocol) {
        return switch (protocol) {
            case QUERY -> {
                String action = queryParameters(request).get("Action");
                if (action == null || action.isEmpty()) {
                    throw AwsException.badRequest("MissingAction", "Missing Action");
                }
                yield action;
            }
            case JSON_1_0, JSON_1_1 -> {
                String target = request.header("X-Amz-Target").orElse("");
                int dot = target.lastIndexOf('.');
                String prefix = dot < 0 ? "" : target.substring(0, dot);
                if (dot < 0 || !metadata.targetPrefixes().contains(prefix)) {
                    throw unknownOperation(protocol, target);
                }
                yield target.substring(dot + 1);
            }
            case RPC_V2_CBOR -> {
                // /service/{ServiceShape}/operation/{Operation}
                String path = request.rawPath();
                String[] parts = path.startsWith(CBOR_PATH_PREFIX) ? path.substring(1).split("/") : new String[0];
                if (parts.length != 4 || !"operation".equals(parts[2])
                        || !metadata.cborServiceNames().contains(parts[1])) {
                    throw unknownOperation(protocol, path);
                }
                yield parts[3];
            }
            default -> throw new IllegalStateException("not a modeled protocol: " + protocol);
        };
    }

    /** Query parameters from the form body and the query string, first value of each. */
    private static Map<String, String> queryParameters(EdgeRequest request) {
        Map<String, String> result = new LinkedHashMap<>();
        request.queryParameters().forEach((name, values) -> result.put(name, values.get(0)));
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (request.body().length > 0 && (contentType.isEmpty() || contentType.startsWith("application/x-www-form-urlencoded"))) {
            RequestHead.parseForm(request.bodyAsString()).forEach((name, values) -> result.put(name, values.get(0)));
        }
        return result;
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] body) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ModelBindingException("", "The request body could not be parsed: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AwsException unknownOperation(WireProtocol protocol, String operation) {
        return switch (protocol) {
            case QUERY -> AwsException.badRequest("InvalidAction",
                    "The action " + operation + " is not valid for this web service.");
            case RPC_V2_CBOR -> new AwsException("UnknownOperationException",
                    "The operation " + operation + " is not supported by this service.", 404);
            default -> AwsException.badRequest("UnknownOperationException",
                    "The operation " + operation + " is not supported by this service.");
        };
    }

    /** Required members: those declared for the operation, and any the model marks required. */
    private void checkRequired(SdkPojo input, Set<String> declared) {
        for (SdkField<?> field : input.sdkFields()) {
            Object value = field.getValueOrDefault(input);
            boolean absent = value == null || value instanceof SdkAutoConstructList<?>
                    || value instanceof SdkAutoConstructMap<?, ?>;
            if (absent && declared.contains(field.locationName())) {
                throw missingMember(field, field.locationName());
            }
        }
        checkRequired(input, "", 0);
    }

    private void checkRequired(SdkPojo pojo, String queryPath, int depth) {
        if (depth > 32) {
            return;
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            String name = queryPath.isEmpty() ? field.locationName() : queryPath + "." + field.locationName();
            if (value == null) {
                if (field.containsTrait(RequiredTrait.class)) {
                    throw missingMember(field, name);
                }
                continue;
            }
            if (value instanceof SdkPojo nested) {
                checkRequired(nested, name, depth + 1);
            } else if (value instanceof List<?> list
                    && field.getRequiredTrait(ListTrait.class).memberFieldInfo().marshallingType().getKnownType()
                            == MarshallingKnownType.SDK_POJO) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof SdkPojo element) {
                        checkRequired(element, name + ".member." + (i + 1), depth + 1);
                    }
                }
            }
        }
    }

    private AwsException missingMember(SdkField<?> field, String queryPath) {
        return switch (metadata.missingMember()) {
            case MISSING_PARAMETER -> AwsException.badRequest("MissingParameter",
                    "The parameter " + queryPath + " is required.");
            case VALIDATION_ERROR -> {
                String member = Character.toLowerCase(field.memberName().charAt(0)) + field.memberName().substring(1);
                String message = "1 validation error detected: Value null at '" + member
                        + "' failed to satisfy constraint: Member must not be null";
                yield AwsException.badRequest(
                        metadata.mainProtocol() == WireProtocol.QUERY ? "ValidationError" : "ValidationException",
                        message);
            }
        };
    }

    private EdgeResponse render(WireProtocol protocol, String operationName, SdkPojo output, String requestId) {
        return switch (protocol) {
            case QUERY -> {
                XmlDocument xml = XmlDocument.create().startRoot(operationName + "Response", metadata.xmlNamespace());
                if (!output.sdkFields().isEmpty()) {
                    xml.start(operationName + "Result");
                    ModelWriter.writeXmlMembers(xml, output);
                    xml.end();
                }
                xml.start("ResponseMetadata").element("RequestId", requestId).end().end();
                yield EdgeResponse.status(200).header("x-amzn-RequestId", requestId)
                        .body(xml.toBytes(), "text/xml").build();
            }
            case JSON_1_0, JSON_1_1 -> EdgeResponse.status(200).header("x-amzn-RequestId", requestId)
                    .body(serialize(Mappers.JSON, output), protocol.jsonContentType()).build();
            case RPC_V2_CBOR -> EdgeResponse.status(200).header("x-amzn-RequestId", requestId)
                    .header("smithy-protocol", "rpc-v2-cbor")
                    .body(serialize(Mappers.CBOR, output), "application/cbor").build();
            default -> throw new IllegalStateException("not a modeled protocol: " + protocol);
        };
    }

    private static byte[] serialize(ObjectMapper mapper, SdkPojo output) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            ModelWriter.writeTree(generator, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public EdgeResponse renderError(RequestHead head, AwsException error, String requestId) {
        WireProtocol protocol = protocolOf(head);
        return switch (protocol) {
            case QUERY -> ErrorRenderer.query(error, metadata.xmlNamespace(), requestId);
            case JSON_1_0, JSON_1_1 -> ErrorRenderer.json(error, protocol, metadata.errorNamespace(),
                    metadata.queryCompatible(), requestId);
            case RPC_V2_CBOR -> ErrorRenderer.cbor(error, metadata.errorNamespace(), metadata.queryCompatible(),
                    requestId);
            default -> ErrorRenderer.restJson(error, requestId);
        };
    }

    /** For tests and diagnostics: the operations this endpoint answers. */
    public Set<String> operationNames() {
        return operations().names();
    }
}
