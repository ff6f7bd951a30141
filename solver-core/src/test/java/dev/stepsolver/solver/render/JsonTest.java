package dev.stepsolver.solver.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String roundTrip(String value) throws IOException {
        return MAPPER.readValue(Json.quote(value), String.class);
    }

    @Test
    void quotesAndBackslashesAreEscaped() throws IOException {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(roundTrip("a\"b\\c")).isEqualTo("a\"b\\c");
    }

    @Test
    void controlCharactersAreEscaped() throws IOException {
        String controls = "\n\r\t\b\f\u0000\u0001\u001f\u007f";
        assertThat(Json.quote(controls)).isEqualTo("\"\\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\\u007f\"");
        assertThat(roundTrip(controls)).isEqualTo(controls);
    }

    @Test
    void nonAsciiTextIsWrittenAsIs() throws IOException {
        String text = "x = 1 ± √2, ∛2, é, 😀";
        assertThat(Json.quote(text)).isEqualTo("\"" + text + "\"");
        assertThat(roundTrip(text)).isEqualTo(text);
    }

    @Test
    void aLoneSurrogateIsEscapedSoTheOutputStaysValidUtf8() throws IOException {
        String lone = "a\uD83Db";
        assertThat(Json.quote(lone)).isEqualTo("\"a\\ud83db\"");
        assertThat(roundTrip(lone)).isEqualTo(lone);
    }

    @Test
    void lineAndParagraphSeparatorsAreEscapedForJavaScript() {
        assertThat(Json.quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    }

    @Test
    void nonFiniteNumbersBecomeNull() throws IOException {
        String json = new Json().beginObject().key("a").value(Double.POSITIVE_INFINITY).key("b").value(1.5).endObject()
                .toString();
        assertThat(MAPPER.readTree(json).get("a").isNull()).isTrue();
        assertThat(MAPPER.readTree(json).get("b").asDouble()).isEqualTo(1.5);
    }
}
