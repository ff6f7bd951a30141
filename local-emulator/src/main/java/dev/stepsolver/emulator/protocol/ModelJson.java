package dev.stepsolver.emulator.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * SDK model objects as JSON text (the JSON protocol's form), so backends can persist the very
 * request or resource objects they keep.
 */
public final class ModelJson {

    private ModelJson() {
    }

    public static String write(SdkPojo model) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Mappers.JSON.getFactory().createGenerator(out)) {
            ModelWriter.writeTree(generator, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * @throws ModelBindingException or a Jackson exception when {@code json} does not fit the model
     */
    @SuppressWarnings("unchecked")
    public static <T> T read(String json, Supplier<? extends SdkBuilder<?, T>> builder) throws IOException {
        SdkBuilder<?, T> instance = builder.get();
        ModelReader.readTree(Mappers.JSON.readTree(json), (SdkPojo) instance);
        return (T) ModelReader.build((SdkPojo) instance);
    }
}
