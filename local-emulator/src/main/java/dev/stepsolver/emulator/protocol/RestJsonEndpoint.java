package dev.stepsolver.emulator.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The shared wire adapter for REST-JSON services (Lambda, API Gateway): routes by method and
 * path template, binds path labels, query parameters, headers and the JSON (or raw payload) body
 * to the SDK request model through its field locations, and writes the SDK response model's
 * headers, status code and body back.
 */
public final class RestJsonEndpoint implements AwsServiceEndpoint {

    /** One REST operation. */
    public record Route(String method, PathTemplate path, String operation, int successStatus,
            Supplier<SdkPojo> inputBuilder, OperationTable.Handler<Object, ? extends SdkPojo> handler) {
    }

    private final String signingName;
    private final Supplier<List<Route>> routeSource;
    private volatile List<Route> routes;

    /** @param routes built on first use, like {@link ModeledServiceEndpoint}'s operation tables */
    public RestJsonEndpoint(String signingName, Supplier<List<Route>> routes) {
        this.signingName = signingName;
        this.routeSource = routes;
    }

    /** Builds a route; {@code input} is the SDK request builder factory, e.g. {@code GetFunctionRequest::builder}. */
    @SuppressWarnings("unchecked")
    public static <I, O extends SdkPojo> Route route(String method, String pathTemplate, String operation,
            int successStatus, Supplier<? extends SdkBuilder<?, I>> input, OperationTable.Handler<I, O> handler) {
        return new Route(method, PathTemplate.of(pathTemplate), operation, successStatus,
                () -> (SdkPojo) input.get(), (OperationTable.Handler<Object, ? extends SdkPojo>) handler);
    }

    private List<Route> routes() {
        List<Route> table = routes;
        if (table == null) {
            synchronized (this) {
                if (routes == null) {
                    routes = List.copyOf(routeSource.get());
                }
                table = routes;
            }
        }
        return table;
    }

    @Override
    public String signingName() {
        return signingName;
    }

    @Override
    public Set<String> targetPrefixes() {
        return Set.of();
    }

    @Override
    public WireProtocol protocolOf(RequestHead head) {
        return WireProtocol.REST_JSON;
    }

    @Override
    public EdgeResponse renderError(RequestHead head, AwsException error, String requestId) {
        return ErrorRenderer.restJson(error, requestId);
    }

    @Override
    public EdgeResponse handle(AwsCall call) {
        EdgeRequest request = call.request();
        boolean pathMatched = false;
        for (Route route : routes()) {
            Optional<Map<String, String>> labels = route.path().match(request.rawPath());
            if (labels.isEmpty()) {
                continue;
            }
            pathMatched = true;
            if (!route.method().equals(request.method())) {
                continue;
            }
            SdkPojo builder = route.inputBuilder().get();
            try {
                bind(request, labels.get(), builder);
            } catch (ModelBindingException e) {
                throw AwsException.badRequest("SerializationException", e.getMessage());
            }
            SdkPojo output = route.handler().handle(ModelReader.build(builder), call);
            return render(output, route.successStatus(), call.requestId());
        }
        throw pathMatched
                ? new AwsException("MethodNotAllowedException", "The method " + request.method()
                        + " is not allowed on " + request.path(), 405)
                : new AwsException("UnknownOperationException", "No operation matches " + request.method() + " "
                        + request.path(), 404);
    }

    /** Binds path labels, query parameters, headers and the body to {@code builder}. */
    public static void bind(EdgeRequest request, Map<String, String> labels, SdkPojo builder) {
        Map<String, List<String>> query = request.queryParameters();
        boolean hasPayloadMember = false;
        for (SdkField<?> field : builder.sdkFields()) {
            MarshallLocation location = field.location();
            String name = field.locationName();
            switch (location) {
                case PATH, GREEDY_PATH -> {
                    String value = labels.get(name);
                    if (value != null) {
                        field.set(builder, ModelReader.scalarFromText(field.marshallingType().getKnownType(), value, name));
                    }
                }
                case QUERY_PARAM -> {
                    List<String> values = query.get(name);
                    if (values != null) {
                        field.set(builder, textValues(field, values, name));
                    }
                }
                case HEADER -> {
                    List<String> values = request.headers().all(name);
                    if (!values.isEmpty()) {
                        field.set(builder, textValues(field, values, name));
                    }
                }
                case PAYLOAD -> {
                    if (field.containsTrait(PayloadTrait.class)) {
                        hasPayloadMember = true;
                        bindPayloadMember(field, request.body(), builder);
                    }
                }
                default -> {
                    // STATUS_CODE is response-only
                }
            }
        }
        if (!hasPayloadMember && request.body().length > 0) {
            try {
                ModelReader.readTree(Mappers.JSON.readTree(request.body()), builder);
            } catch (JsonProcessingException e) {
                throw new ModelBindingException("", "The request body is not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Object textValues(SdkField<?> field, List<String> values, String name) {
        if (field.marshallingType().getKnownType() == MarshallingKnownType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (String value : values) {
                list.add(ModelReader.scalarFromText(member.marshallingType().getKnownType(), value, name));
            }
            return list;
        }
        return ModelReader.scalarFromText(field.marshallingType().getKnownType(), values.get(0), name);
    }

    private static void bindPayloadMember(SdkField<?> field, byte[] body, SdkPojo builder) {
        switch (field.marshallingType().getKnownType()) {
            case SDK_BYTES -> field.set(builder, SdkBytes.fromByteArray(body));
            case STRING -> field.set(builder, new String(body, java.nio.charset.StandardCharsets.UTF_8));
            case SDK_POJO -> {
                if (body.length > 0) {
                    SdkPojo nested = field.constructor().get();
                    try {
                        ModelReader.readTree(Mappers.JSON.readTree(body), nested);
                    } catch (IOException e) {
                        throw new ModelBindingException(field.locationName(), "The request body is not valid JSON.");
                    }
                    field.set(builder, ModelReader.build(nested));
                }
            }
            default -> throw new ModelBindingException(field.locationName(), "Unsupported payload member type.");
        }
    }

    /** Writes a response model: header members as headers, a status-code member as the status, the rest as body. */
    public static EdgeResponse render(SdkPojo output, int defaultStatus, String requestId) {
        int status = defaultStatus;
        EdgeResponse.Builder headers = EdgeResponse.status(0);
        Optional<SdkField<?>> payloadMember = Optional.empty();
        for (SdkField<?> field : output.sdkFields()) {
            Object value = field.getValueOrDefault(output);
            if (field.location() == MarshallLocation.STATUS_CODE && value instanceof Integer code) {
                status = code;
            } else if (field.location() == MarshallLocation.HEADER && value != null) {
                headers.header(field.locationName(), headerText(field, value));
            } else if (field.location() == MarshallLocation.PAYLOAD && field.containsTrait(PayloadTrait.class)) {
                payloadMember = Optional.of(field);
            }
        }
        EdgeResponse.Builder response = EdgeResponse.status(status).header("x-amzn-RequestId", requestId);
        headers.build().headers().asMap().forEach((name, values) -> response.header(name, values.get(0)));
        if (payloadMember.isPresent()) {
            Object value = payloadMember.get().getValueOrDefault(output);
            if (value instanceof SdkBytes bytes) {
                return response.body(bytes.asByteArray(), "application/octet-stream").build();
            }
            if (value instanceof SdkPojo pojo) {
                return response.body(json(pojo), "application/json").build();
            }
            return response.build();
        }
        return response.body(json(output), "application/json").build();
    }

    /** Header timestamps are HTTP dates unless the model says otherwise. */
    private static String headerText(SdkField<?> field, Object value) {
        if (value instanceof java.time.Instant instant && field.getOptionalTrait(
                software.amazon.awssdk.core.traits.TimestampFormatTrait.class).isEmpty()) {
            return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(java.time.ZoneOffset.UTC));
        }
        return ModelWriter.scalarText(field, value);
    }

    private static byte[] json(SdkPojo pojo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = Mappers.JSON.getFactory().createGenerator(out)) {
            ModelWriter.writeTree(generator, pojo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
