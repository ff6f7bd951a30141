package dev.stepsolver.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests without an equation, and events that are not API Gateway events at all. */
class MissingAndMalformedTest {

    private static final String NO_EQUATION = "Equation: \n\n" + RequestReader.NO_EQUATION;

    private final Invocations invocations = new Invocations();

    @Test
    void aNullBodyIsA400SayingHowToSendTheEquation() throws IOException {
        var response = invocations.invoke(Events.rest("POST", null));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(NO_EQUATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void anEmptyOrBlankBodyIsA400(String body) throws IOException {
        var response = invocations.invoke(Events.rest("POST", body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(NO_EQUATION);
    }

    @Test
    void anEmptyEquationQueryParameterIsA400() throws IOException {
        var response = invocations.invoke(Events.query(Events.rest("GET", null), "equation", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(NO_EQUATION);
    }

    @Test
    void aJsonBodyWithoutAnEquationIsAJson400() throws IOException {
        var response = invocations.invoke(Events.rest("POST", "{\"style\": \"modern\"}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).isEqualTo(RequestReader.NO_EQUATION);
    }

    @Test
    void anEmptyMapIsA400InThePayload1Shape() throws IOException {
        var response = invocations.invoke("{}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(NO_EQUATION);
        assertThat(response.raw().path("isBase64Encoded").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"httpMethod\": ", "", "\u0000\u0001"})
    void anEventThatIsNotJsonIsA400SayingSo(String event) throws IOException {
        var response = invocations.invoke(event.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("Equation: \n\nMalformed event: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "42", "\"7x = 21\"", "true"})
    void anEventThatIsNotAnObjectIsA400SayingSo(String event) throws IOException {
        var response = invocations.invoke(event.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("Equation: \n\nMalformed event: expected a JSON object");
    }

    @Test
    void anEventWhoseFieldsHaveTheWrongTypesIsA400WithoutInternals() throws IOException {
        var response = invocations.invoke("{\"httpMethod\": {\"a\": 1}, \"headers\": [1, 2]}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("Equation: \n\nMalformed event: not an API Gateway proxy event")
                .endsWith("in field httpMethod)")
                .doesNotContain("com.amazonaws").doesNotContain("\tat ");
    }

    @Test
    void anUnterminatedEventSaysWhereItEndsWithoutEchoingTheSource() throws IOException {
        var response = invocations.invoke("[1".getBytes(StandardCharsets.UTF_8));

        assertThat(response.body()).isEqualTo("Equation: \n\nMalformed event: not JSON "
                + "(Unexpected end-of-input: expected close marker for Array at line 1, column 3)");
    }

    @Test
    void aBodyMarkedBase64ThatIsNotBase64IsA400() throws IOException {
        ObjectNode event = Events.rest("POST", "7x = 21");
        event.put("body", "***not base64***");
        event.put("isBase64Encoded", true);

        var response = invocations.invoke(event);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).endsWith("The body is marked base64 but is not valid base64");
    }

    @Test
    void aBodyThatIsNotUtf8IsA400() throws IOException {
        ObjectNode event = Events.rest("POST", "");
        event.put("body", java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}));
        event.put("isBase64Encoded", true);

        var response = invocations.invoke(event);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).endsWith("The body is not valid UTF-8 text");
    }

    @Test
    void aMethodOtherThanGetPostOrOptionsIsA405WithAllow() throws IOException {
        var response = invocations.invoke(Events.rest("DELETE", "7x = 21"));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, POST, OPTIONS")
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(response.body()).isEqualTo("Method DELETE is not allowed: use POST, GET or OPTIONS");
    }
}
