package dev.stepsolver.emulator.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes the AWS SDK's model objects to the wire, driven by their {@code sdkFields()}: JSON and
 * CBOR through one Jackson generator path, Query XML through {@link XmlDocument}.
 */
public final class ModelWriter {

    /** ISO 8601 with milliseconds, as Query and XML responses carry timestamps. */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ModelWriter() {
    }

    /** Writes {@code pojo}'s payload members as one JSON (or CBOR) object. */
    public static void writeTree(JsonGenerator generator, SdkPojo pojo) throws IOException {
        generator.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (isAbsent(value)) {
                continue;
            }
            generator.writeFieldName(field.locationName());
            writeTreeValue(generator, field, value);
        }
        generator.writeEndObject();
    }

    private static void writeTreeValue(JsonGenerator generator, SdkField<?> field, Object value) throws IOException {
        switch (field.marshallingType().getKnownType()) {
            case STRING -> generator.writeString((String) value);
            case INTEGER -> generator.writeNumber((Integer) value);
            case LONG -> generator.writeNumber((Long) value);
            case SHORT -> generator.writeNumber((Short) value);
            case BYTE -> generator.writeNumber((Byte) value);
            case FLOAT -> writeDouble(generator, ((Float) value).doubleValue());
            case DOUBLE -> writeDouble(generator, (Double) value);
            case BIG_DECIMAL -> generator.writeNumber((BigDecimal) value);
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case INSTANT -> writeInstant(generator, field, (Instant) value);
            case SDK_BYTES -> generator.writeBinary(((SdkBytes) value).asByteArrayUnsafe());
            case SDK_POJO -> writeTree(generator, (SdkPojo) value);
            case LIST -> {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<?> list = (List<?>) value;
                generator.writeStartArray();
                for (Object element : list) {
                    if (element == null) {
                        generator.writeNull();
                    } else {
                        writeTreeValue(generator, member, element);
                    }
                }
                generator.writeEndArray();
            }
            case MAP -> {
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    generator.writeFieldName((String) entry.getKey());
                    writeTreeValue(generator, member, entry.getValue());
                }
                generator.writeEndObject();
            }
            case DOCUMENT, NULL -> generator.writeNull();
        }
    }

    private static void writeDouble(JsonGenerator generator, double value) throws IOException {
        // JSON has no NaN or infinities; AWS JSON protocols send them as strings.
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            if (generator instanceof CBORGenerator) {
                generator.writeNumber(value);
            } else {
                generator.writeString(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            }
        } else {
            generator.writeNumber(value);
        }
    }

    private static void writeInstant(JsonGenerator generator, SdkField<?> field, Instant instant) throws IOException {
        TimestampFormatTrait.Format format = field.getOptionalTrait(TimestampFormatTrait.class)
                .map(TimestampFormatTrait::format).orElse(TimestampFormatTrait.Format.UNIX_TIMESTAMP);
        if (format == TimestampFormatTrait.Format.ISO_8601) {
            generator.writeString(ISO_MILLIS.format(instant));
            return;
        }
        BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano() / 1_000_000, 3));
        if (generator instanceof CBORGenerator cbor) {
            // RPC v2 CBOR timestamps are tag 1 (epoch-based date/time) around a number.
            cbor.writeTag(1);
            cbor.writeNumber(seconds.doubleValue());
        } else {
            generator.writeNumber(seconds.stripTrailingZeros().scale() <= 0 ? seconds.setScale(0) : seconds);
        }
    }

    // ---------------------------------------------------------------- Query XML

    /** Writes {@code pojo}'s members as child elements of the element currently open in {@code xml}. */
    public static void writeXmlMembers(XmlDocument xml, SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isAbsent(value)) {
                continue;
            }
            writeXmlValue(xml, field, xmlName(field), value);
        }
    }

    private static void writeXmlValue(XmlDocument xml, SdkField<?> field, String name, Object value) {
        switch (field.marshallingType().getKnownType()) {
            case SDK_POJO -> {
                xml.start(name);
                writeXmlMembers(xml, (SdkPojo) value);
                xml.end();
            }
            case LIST -> {
                ListTrait trait = field.getRequiredTrait(ListTrait.class);
                SdkField<?> member = trait.memberFieldInfo();
                if (trait.isFlattened()) {
                    for (Object element : (List<?>) value) {
                        writeXmlValue(xml, member, name, element);
                    }
                } else {
                    String memberName = trait.memberLocationName() == null ? "member" : trait.memberLocationName();
                    xml.start(name);
                    for (Object element : (List<?>) value) {
                        writeXmlValue(xml, member, memberName, element);
                    }
                    xml.end();
                }
            }
            case MAP -> {
                MapTrait trait = field.getRequiredTrait(MapTrait.class);
                String keyName = trait.keyLocationName() == null ? "key" : trait.keyLocationName();
                String valueName = trait.valueLocationName() == null ? "value" : trait.valueLocationName();
                xml.start(name);
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    xml.start("entry").element(keyName, (String) entry.getKey());
                    writeXmlValue(xml, trait.valueFieldInfo(), valueName, entry.getValue());
                    xml.end();
                }
                xml.end();
            }
            default -> xml.element(name, scalarText(field, value));
        }
    }

    /** The text form of a scalar in XML and headers. */
    public static String scalarText(SdkField<?> field, Object value) {
        return switch (field.marshallingType().getKnownType()) {
            case INSTANT -> ISO_MILLIS.format((Instant) value);
            case SDK_BYTES -> java.util.Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
            case DOUBLE -> doubleText((Double) value);
            case FLOAT -> doubleText(((Float) value).doubleValue());
            default -> String.valueOf(value);
        };
    }

    private static String doubleText(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(value);
    }

    private static String xmlName(SdkField<?> field) {
        String name = field.unmarshallLocationName();
        return name == null ? field.locationName() : name;
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>;
    }
}
