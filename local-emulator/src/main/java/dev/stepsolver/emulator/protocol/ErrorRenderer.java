package dev.stepsolver.emulator.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** Renders an {@link AwsException} in each protocol's error shape. */
public final class ErrorRenderer {

    private ErrorRenderer() {
    }

    /**
     * Query: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
     */
    public static EdgeResponse query(AwsException error, String xmlNamespace, String requestId) {
        XmlDocument xml = XmlDocument.create().startRoot("ErrorResponse", xmlNamespace).start("Error")
                .element("Type", error.fault().wireName())
                .element("Code", error.code())
                .element("Message", error.getMessage());
        error.details().forEach(xml::element);
        xml.end().element("RequestId", requestId).end();
        return EdgeResponse.status(error.httpStatus())
                .header("x-amzn-RequestId", requestId)
                .body(xml.toBytes(), "text/xml")
                .build();
    }

    /**
     * JSON 1.0 / 1.1: {@code {"__type": code, "message": text}}; query-compatible services add the
     * {@code x-amzn-query-error: Code;Sender} header that SDKs map back to the Query code.
     */
    public static EdgeResponse json(AwsException error, WireProtocol protocol, Optional<String> errorNamespace,
            boolean queryCompatible, String requestId) {
        byte[] body = write(Mappers.JSON, error, errorNamespace);
        EdgeResponse.Builder response = EdgeResponse.status(error.httpStatus())
                .header("x-amzn-RequestId", requestId)
                .header("x-amzn-ErrorType", error.code())
                .body(body, protocol.jsonContentType());
        if (queryCompatible) {
            response.header("x-amzn-query-error", error.code() + ";" + error.fault().wireName());
        }
        return response.build();
    }

    /** RPC v2 CBOR: the same members as JSON, CBOR-encoded, with the {@code smithy-protocol} header. */
    public static EdgeResponse cbor(AwsException error, Optional<String> errorNamespace, boolean queryCompatible,
            String requestId) {
        byte[] body = write(Mappers.CBOR, error, errorNamespace);
        EdgeResponse.Builder response = EdgeResponse.status(error.httpStatus())
                .header("x-amzn-RequestId", requestId)
                .header("smithy-protocol", "rpc-v2-cbor")
                .body(body, "application/cbor");
        if (queryCompatible) {
            response.header("x-amzn-query-error", error.code() + ";" + error.fault().wireName());
        }
        return response.build();
    }

    /** REST-JSON: {@code {"message": text}} with the code in {@code x-amzn-ErrorType}. */
    public static EdgeResponse restJson(AwsException error, String requestId) {
        byte[] body = write(Mappers.JSON, error, Optional.empty());
        return EdgeResponse.status(error.httpStatus())
                .header("x-amzn-RequestId", requestId)
                .header("x-amzn-ErrorType", error.code())
                .body(body, "application/json")
                .build();
    }

    /** REST-XML (S3): {@code <Error><Code/><Message/>...details...<RequestId/><HostId/></Error>}; no body for HEAD. */
    public static EdgeResponse restXml(AwsException error, String requestId, String hostId, boolean headRequest) {
        EdgeResponse.Builder response = EdgeResponse.status(error.httpStatus())
                .header("x-amz-request-id", requestId)
                .header("x-amz-id-2", hostId);
        if (headRequest) {
            return response.build();
        }
        XmlDocument xml = XmlDocument.create().start("Error")
                .element("Code", error.code())
                .element("Message", error.getMessage());
        error.details().forEach(xml::element);
        xml.element("RequestId", requestId).element("HostId", hostId).end();
        return response.body(xml.toBytes(), "application/xml").build();
    }

    private static byte[] write(ObjectMapper mapper, AwsException error, Optional<String> errorNamespace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("__type", errorNamespace.map(ns -> ns + "#" + error.code()).orElse(error.code()));
            if (!error.getMessage().isEmpty()) {
                // some AWS errors (SSM's ParameterNotFound) carry no message at all
                generator.writeStringField("message", error.getMessage());
            }
            for (Map.Entry<String, String> detail : error.details().entrySet()) {
                generator.writeStringField(detail.getKey(), detail.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
